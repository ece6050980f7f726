"""Spanish wording of harmful moves (see ``lms.practice.lexicon``): promises,
threats and bargains, blame and judging, orders and hurry; reassurance is masked
before the blaming words are sought."""

from __future__ import annotations

# Reassurance ("no es tu culpa"): masked before the blaming words are sought.
REASSURE = (
    r"\bno (es|fue|era) (tu|su) culpa\b|\b(tu |usted )?no tiene(s)? (la )?culpa\b|"
    r"\bnada de esto (es|fue) (tu|su) culpa\b|\bno (tienes|tiene) (de )?(que|por que) "
    r"(avergonzarte|avergonzarse|sentir verguenza)\b|\bno hay preguntas (tontas|"
    r"malas)\b|\bno eres (tont[oa]|mal[oa])\b|\bno (te preocupes|se preocupe)\b"
    r"|\bno hiciste nada (malo|mal)\b"
)


HARMFUL = [
    (
        "retell",
        [
            r"\b(otra vez|de nuevo|nuevamente|una vez mas)\b",
            r"\b(volver|vuelve|vuelva|volverlo|volverme) a (contar|decir|"
            r"platicar|explicar)\b",
            r"\brepet\w*\b|\brepit\w*\b",
            r"\b(con todo detalle|todos los detalles|cada detalle|con lujo de "
            r"detalle)\b",
        ],
    ),
    (
        "why",
        [
            r"\bpor que\b(?! no (me|nos) (cuentas|platicas|dices|explicas|cuenta|"
            r"platica|dice|explica))(?! no (empiezas|empezamos|empieza))(?! "
            r"(viniste|"
            r"vino|vinieron|vinimos|estas aqui|esta aqui|estamos aqui)\b)",
            r"(^|[,.¿] ?)porque\b(?! (viniste|vino|vinimos|estas aqui)\b)",
            r"(^|¿ )como es (que|posible que)\b",
            r"(^|¿ ?)(y )?para que (te|lo|la|le|fuiste|vas|andabas|aceptaste)\b",
        ],
    ),
    (
        "promise",
        [
            r"\bprometo\b|\b(te|le) (lo )?(juro|aseguro|garantizo)\b",
            r"\btodo va a (estar|salir) bien\b",
            r"\bno (le |les )?(voy|vamos) a decir(le|les)? (nada )?a (nadie|tus? "
            r"\w+|su \w+)\b",
            r"\bnadie (se va a enterar|se entera|va a saber|tiene (que|por que) "
            r"saber)\b|\bguard\w+ (el|este|un) secreto\b",
            r"\bnunca (lo|la|los) (vas|va) a volver a ver\b",
            r"\bqueda entre (nosotros|tu y yo)\b|\bnuestro secreto\b",
        ],
    ),
    (
        "threat",
        [
            r"\b(tutelar|carcel|migracion|deportar|deportan|correccional|"
            r"arrestar)\b",
            r"\bsi no (me |nos )?(dices|dice|cuentas|cuenta) la verdad\b",
            r"\bsi (nos|me) (ayudas|ayuda|cooperas|coopera)\b",
            r"\bte (vamos|van) a (encerrar|deportar|detener|arrestar)\b",
            r"\b(te puedes|te vas a|puedes|vas a|te podrias) meter en (problemas|"
            r"un "
            r"problema|un lio|lios|broncas?)\b|\bconsecuencias\b",
            r"\bhasta que (no )?(me |nos )?(digas|cuentes|hables|contestes|"
            r"cooperes|confieses)\b",
            r"\bsi (me |nos )?(mientes|mentiste)\b",
            r"\bsi sigues mintiendo\b",
            # Help made to depend on talking.
            r"\bsin (tu|su) \w+,? no (te|le) (podemos|puedo|pueden|vamos a poder) "
            r"ayudar\b|\ba menos que (me |nos )?(digas|cuentes|hables|cooperes)\b",
            r"\bsi no (hablas|me dices|me cuentas|cooperas|contestas)\b",
        ],
    ),
    (
        "blame",
        [
            r"\bmetiste\b|\bse metio en esto\b",
            r"\b(tu )?(quisiste|decidiste|escogiste) (irte|ir|estar|quedarte)\b",
            r"\bno te pongas (payas[ao]|groser[ao]|rejeg[ao]|sangron[ao])\b",
            r"\ben que (estabas|andabas) pensando\b",
            r"\bya no eres (una nina|un nino|una nena|chiquit[ao])\b",
            r"\bsabias (lo que|muy bien|a que|en que)\b",
            r"\bno te hagas\b(?! (dano|bolas))",
            r"\bdeberias\b|\b(debiste|debias|debio)( de)? (haber|\w+(ar|er|ir)(te|"
            r"le|les|lo|la|me|se|nos)?)\b",
            r"\bsi (no )?(te |lo |la |le )?hubieras\b.*\b(no|nada|nunca)\b",
            r"\b(verguenza|avergonzad\w+|decepcionad\w+)\b",
            r"\b(tont[oa]|estupid[oa]|mens[oa]|burr[oa]|irresponsable|"
            r"descuidad[oa])\b",
            r"\bcomo pudiste\b|\bte lo buscaste\b|\beso te pasa por\b",
            r"\ba esas horas\b|\btan noche\b|\bque andabas haciendo\b",
            r"\b(lo que|eso que) hiciste (estuvo|esta|fue|es) (muy )?mal\b|"
            r"\bhiciste "
            r"muy mal\b",
            r"\b(tu|su) culpa\b|\b(tuviste|tuvo) (la )?culpa\b",
            # Reproach ("¿cómo fuiste a…?") and minimising what happened.
            r"\bcomo (fuiste|fue) a \w+(ar|er|ir)(le|lo|la|les|te|se)?\b",
            r"\bcomo se te ocurr\w+\b",
            r"\b(tuviste|tuvo) (mucha |buena )?suerte (de )?que\b",
            r"\bpudo (haber )?(sido|ser|estar) peor\b|\bno (es|fue) para tanto\b",
            r"\b(deja|dejes) de mentir\b|\bno (me )?mientas\b",
            r"\b(ya )?dime la verdad\b",
            r"\bmintiendo\b|\bmentiros[ao]\b",
            r"\ba tu edad\b",
            r"\bque esperabas\b",
        ],
    ),
    (
        "pressure",
        [
            r"\b(deja|dejes) de llorar\b|\bno llores\b|\bapurate\b",
            r"\b(contestame|respondeme)\b|\b(ya )?contesta (ya|la pregunta)\b|\bya "
            r"contesta\b|\bno tengo todo el dia\b",
        ],
    ),
]
