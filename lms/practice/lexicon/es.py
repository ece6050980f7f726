"""Spanish wording of the free-text classifier (see ``lms.practice.lexicon``)."""

from __future__ import annotations

from lms.practice.lexicon.common import WH_ES

ES = {
    "harmful": [
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
                r"\bpor que\b(?! no me (cuentas|platicas|dices|explicas))",
                r"(^|[,.¿] ?)porque\b",
                r"(^|¿ ?)para que (te|lo|la|le|fuiste|vas|andabas|aceptaste)\b",
            ],
        ),
        (
            "promise",
            [
                r"\bprometo\b",
                r"\btodo va a (estar|salir) bien\b",
                r"\bno (le )?(voy|vamos) a decir(le)? a nadie\b",
                r"\bnadie se va a enterar\b",
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
                r"\bte vamos a (mandar|llevar|encerrar)\b",
                r"\bsi sigues mintiendo\b",
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
                r"\bsabias (lo que|muy bien)\b",
                r"\bdeberias\b",
                r"\b(tu|su) culpa\b",
                r"\b(deja|dejes) de (mentir|llorar)\b|\bno (me )?mientas\b",
                r"\bno llores\b",
                r"\b(ya )?dime la verdad\b",
                r"\bmintiendo\b|\bmentiros[ao]\b",
                r"\ba tu edad\b",
                r"\bque esperabas\b",
            ],
        ),
    ],
    "suggestive": [
        (
            "others_said",
            [
                r"\bya (nos|me) (dijo|dijeron|conto|contaron)\b",
                r"\b(nos|me) dijeron que\b",
                r"\b(tu|su) (\w+ )?(amiga|amigo|mama|mami|papa|abuelita|abuela|tio|"
                r"tia|hermana|hermano|prima|primo|maestra|novio|novia) (dice|dijo|"
                r"conto)\b",
                r"\btodo (el )?mundo sabe\b",
                r"\bsabemos que\b|\bya se que\b",
                r"\bconfirm\w*\b",
                r"\b(decirme|dime|digame|me dices|me dice) que (fue|era) (el|ella)\b",
                r"\b(sentir|sentirte|sentirse) mejor si\b",
                r"\bhas de (haber|estar)\b|\bdebes (de )?haber\b",
                r"\bse sincer[ao]\b|\badmitelo\b|\bconfiesa\b",
                r"\bya (nos|me) (conto|contaron) todo\b",
            ],
        ),
        (
            "negative_question",
            [
                r"^verdad que\b",
                r"^no es (cierto|verdad) que\b",
                r"^(seguro|seguramente) (que )?(te|el|ella|lo|la|le)\b",
            ],
        ),
        (
            "summary",
            [
                r"(^|[,.] )o sea que\b",
                r"^entonces (?!que\b|quien\b|donde\b|cuando\b|como\b|cual\b|a donde\b)"
                r"\w+",
            ],
        ),
        (
            "presumes",
            [
                r"^cuando (te|lo|la|le|el|ella|tu \w+) (?!fue\b|era\b)\w+.*, ¿? ?"
                + WH_ES
                + r"\b",
                r"(^|¿ )" + WH_ES + r"\b.*\b(oblig\w+|forz\w+|te pon\w+ a hacer)\b",
            ],
        ),
    ],
    "closing": [
        r"\balgo mas\b",
        r"\bantes de (terminar|irnos|acabar)\b",
        r"\bgracias\b",
        r"\blo que sigue\b|\bque sigue\b|\blos (siguientes )?pasos\b",
        r"\balguna (duda|pregunta)\b|\b(tus|sus) (dudas|preguntas)\b",
        r"\bmis preguntas\b",
        r"\bhay algo (\w+ ){0,6}(preguntar|pregunte|debo saber|deba saber)\b",
        r"\b(anotar|apuntar|escribir) lo que me (dijiste|contaste)\b",
        r"\bcada paso\b",
        r"\baqui le paramos\b|\bya terminamos\b|\bhasta aqui\b",
        r"\b(agregar|anadir)\b",
        r"\bcuyo trabajo\b",
        r"\bme quedo (contigo|con usted)\b",
        r"\bte explico (lo que|como)\b",
        r"\bvas a platicar con\b|\bva a venir una persona\b",
        r"\bquieres que le diga\b",
        r"\bme contaste muchas\b",
        r"\b(tienes|tiene) (alguna )?(pregunta|preguntas|duda|dudas)\b",
        r"\blo que va a pasar\b",
        r"\b(que|cuales) (dudas|preguntas) (tienes|tiene)\b",
    ],
    "rapport": [
        r"\bno (estas|esta|esta usted) en (ningun )?problemas?\b",
        r"\bno estoy enojad[ao]\b",
        r"\b(tomate|tomarse|tome) (tu|su) tiempo\b|\bno hay prisa\b",
        r"\badivin\w+\b|\bsi no sabes\b|\bdecir no se\b|\bdecir que no sabes\b",
        r"\bcorreg\w+\b|\bcorrig\w+\b|\bme equivoco\b",
        r"\bno entiendes? una pregunta\b",
        r"\b(espanol|ingles) o en (ingles|espanol)\b",
        r"\bprefier\w*\b",
        r"\bme llamo\b|\bsoy (policia|oficial|la oficial|el oficial)\b",
        r"\b(te|le) gust\w+\b|\bfines? de semana\b|\btiempo libre\b|\bmascotas?\b",
        r"\bfavorit[oa]s?\b|\bjuegos?\b|\bjugar\b|\bdeportes?\b|\bfutbol\b",
        r"\bescuela\b|\ben que (ano|grado) vas\b|\bmusica\b",
        r"\bte puedo decir\b|\bde tu o de usted\b",
        r"\bcosas que (de verdad|realmente|si) pasaron\b",
        r"\bsi necesitas un descanso\b|\bsi quieres descansar\b",
        r"\b(me prometes|prometes) decir(me)? la verdad\b|\bimportante (que )?"
        r"(digas|me digas) la verdad\b",
        r"\bestoy aqui para (ayudarte|ayudarle|ayudar|escucharte|escucharle)\b",
        r"\brespuestas (buenas|correctas|malas)\b",
        r"\bsi no te acuerdas\b|\besta bien (si no|decir)\b",
        r"\b(parar|descansar|detenernos|pausar) cuando (quieras|quiera)\b",
        r"\bcomo te llamas\b|\bcomo se llama usted\b",
        r"\bcomo (quieres|prefieres) que te (diga|llame|hable)\b",
        r"\b(idioma|lengua) (hablas|habla|prefieres)\b",
        r"\b(tu|usted) (eres|es) quien sabe\b|\byo no estaba ahi\b",
        r"\bmi trabajo es\b|\btrabajo con (muchos |muchas )?(jovenes|ninos|ninas|"
        r"chavos)\b",
        r"\bpuedes preguntar(me)? (lo que quieras|cualquier cosa)\b",
        r"\bsentar(te|nos|se)?\b",
    ],
    "safety": [
        r"\b(hambre|sed|duele|dolor|lastim\w+|doctor\w*|medic\w+|bano|cobija|agua|"
        r"comer|comiste|comida|frio|herid\w+|sangr\w+|enferm\w+|peligro|miedo|"
        r"a salvo|segur[ao]|obligando)\b",
        r"\balguien te (esta )?amenaz\w+\b|\bte (estan|esta) amenazando\b",
        r"(^|¿ )(estas|te sientes|se siente|se encuentra) bien\b",
        r"\b(necesitas|necesita) algo\b|\b(te sientes|se siente) bien\b",
        r"\ben este momento\b|\bahorita\b",
        r"\bte va a hacer algo\b|\b(hacer|hacerte) (dano|algo)\b",
        r"\bdescansar\b|\bun descanso\b|\bbuscarte\b|\bnecesit\w+ ayuda\b",
    ],
    "named_act": (
        r"\b(ella|ellos|ellas)\b|\btu (tio|tia|primo|prima|papa|mama|novio|amigo|"
        r"amiga)\b|\b(pego|pegaba|toco|tocaba|golpeo)\b"
    ),
    # "él" (he), read in the typed text: folded, it is "el" (the) too.
    "named_raw": r"\bél\b",
    "past_feeling": r"^(tuviste|tenias|sentiste) miedo\b",
    "past_stay": r"\b(alla|ahi|en ese lugar|daban|tenian)\b",
    "said_cue": (
        r"\b(dijiste|mencionaste|menciono|me hablaste|me contaste|me platicaste|"
        r"hace rato|comentaste|me dijiste)\b"
    ),
    "more": (
        r"\b(cuentame|cuenteme|platicame|platiqueme|dime|digame|que mas|"
        r"me puedes contar|me puede contar)\b"
    ),
    "tell_me_about": (
        r"\b(cuentame|cuenteme|platicame|platiqueme|hablame|dime) (todo |mas |"
        r"un poco )*(de|del|sobre|acerca de) (?P<np>.+)$"
    ),
    "anchored": [
        r"\b(piensa|piense) en (la|el|cuando|los|las)\b",
        r"\bregresa(mos)? a (cuando|la|el)\b",
        r"(^|¿ )que paso (en|cuando|con|durante) (la|el|su|tu|esa|ese|llegaste)\b",
        r"(^|¿ )que paso (en|cuando|con|durante) \w+\b",
        r"(^|¿ )que paso (despues de que|antes de que) \w+\b",
    ],
    "time_words": (
        r"\b(vez|veces|dia|dias|noche|noches|semana|semanas|manana|tarde|hoy|ayer|"
        r"tiempo|lo que|todo|ultim\w+|estos|esos|eso|esto)\b"
    ),
    "tell_me_wh": (
        r"\b(dime|digame|decirme|me puedes decir|me puede decir|me dices) ¿? ?"
        r"(?!que paso|lo que)" + WH_ES + r"\b"
    ),
    "remember_wh": (
        r"\b(te acuerdas|se acuerda|recuerdas|recuerda|sabes|sabe) ¿? ?(?!que paso|"
        r"que mas)(de )?" + WH_ES + r"\b"
    ),
    "invitation": [
        r"\b(cuentame|cuenteme|platicame|platiqueme|cuentanos|dime|digame)\b",
        r"\bme (puedes|puede|quieres|quiere|podrias) (contar|platicar|decir)\b",
        r"\bme (platicas|cuentas|platica|cuenta)\b",
        r"\bque paso\b|\blo que paso\b|\bque ha pasado\b|\bque estaba pasando\b",
        r"\bque mas\b",
        r"\by luego\b|\by despues\b|\by entonces\b",
        r"\bsigue\b|\bsiga\b|\bcontinua\b|\bte escucho\b|\ble escucho\b",
        r"\bempieza (desde|por) el principio\b",
        r"\b(explicame|expliqueme|describeme|describame)\b",
        r"^y? ?que (hiciste|hizo|hicieron|paso) (despues|luego|entonces)\b",
    ],
    "either_or": r"\b\w+ o (\w+ )?\w+\b",
    "wh_start": r"^(a |de |en |con |para |por |desde )?" + WH_ES + r"\b",
    "aux_start": r"^$",  # Spanish yes/no questions have no auxiliary: see fallback
    "tag": (
        r"((,|^|\.) ?¿? ?no|( |,|^|\.) ?¿? ?(?<!la )(?<!de )(verdad|cierto|no es "
        r"cierto|no es asi|no es verdad|a poco no|o no)) ?\??$"
    ),
    "vocative": (
        r"^(senora|senor|senorita|mija|mijo|oye|oiga|a ver|bueno|ok|okay|y) ,? "
    ),
}

ES["retell_spared"] = r"\b(no|nunca) (tengas|tendras|tienes|vas a tener) que\b"
