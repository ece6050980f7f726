"""Spanish wording of the free-text classifier (see ``lms.practice.lexicon``)."""

from __future__ import annotations

from lms.practice.lexicon.common import WH_ES
from lms.practice.lexicon.es_harmful import HARMFUL, REASSURE

# "La última vez", "la primera vez": a time among several, not a detail of theirs.
EPISODE = r"(?! (ultima|primera|proxima|otra|mas reciente) vez\b)"

ES = {
    "reassure": REASSURE,
    "harmful": HARMFUL,
    "suggestive": [
        (
            "others_said",
            [
                r"\bya (nos|me) (dijo|dijeron|conto|contaron)\b",
                r"\b(nos|me) dijeron que\b",
                r"\b(tu|su) (\w+ )?(amiga|amigo|mama|mami|papa|abuelita|abuela|tio|"
                r"tia|hermana|hermano|prima|primo|maestra|novio|novia) (dice|dijo|"
                r"conto)\b",
                r"\btodo (el )?mundo sabe\b|\btodos (\w+ ){0,3}saben\b",
                r"(?<!no )\bsabemos (que|lo que|todo)\b",
                r"(?<!no )\b(ya )?se que (algo|el|ella|te|alguien|tu|lo|la|le)\b",
                r"\b(yo )?creo que (el|ella|te|alguien)\b|\bestoy segur[ao] (de "
                r")?que\b",
                r"\bconfirm\w*\b",
                r"\b(decirme|dime|digame|me dices|me dice) que (fue|era) (el|ella)\b",
                r"\b(sentir|sentirte|sentirse) mejor si\b",
                r"\b(has|ha) de (haber|estar)\b|\bdebes (de )?haber\b",
                r"\bse sincer[ao]\b|\badmitelo\b|\bconfiesa\b",
                r"\bya (nos|me) (conto|contaron) todo\b",
                # Asking for a yes, not for an account.
                r"\b(dime|di|digame|diga) que (si|es cierto|es verdad|fue asi)\b"
                r"(?! o\b)",
            ],
        ),
        (
            "negative_question",
            [
                r"^verdad que\b|^a poco\b",
                # "¿No te dijo...?": a negative question expects a yes.
                r"¿ no (te|le|lo|la|les|me|se|es|era|fue|estabas|eras|sabias|tenias|"
                r"querias|crees|piensas|estaba|tenia)\b(?!.*\b(hambre|sed|frio|"
                r"descans\w*|agua|bano)\b)",
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
        r"\bantes de (que )?(terminar|terminemos|irnos|nos vayamos|te vayas|acabar|"
        r"acabemos)\b",
        r"\bgracias\b|\b(agradezco|agradecemos|agradecerte|agradecerle)\b",
        r"\blo que sigue\b|\bque sigue\b|\blos (siguientes )?pasos\b",
        r"\balguna (duda|pregunta)\b|\b(tus|sus) (dudas|preguntas)\b",
        r"\bmis preguntas\b",
        r"\bhay algo (\w+ ){0,6}(preguntar|pregunte|debo saber|deba saber)\b",
        r"\b(anotar|apuntar|escribir) lo que me (dijiste|contaste)\b",
        r"\bcada paso\b",
        r"\baqui le (paramos|dejamos)\b|(^|[,.] )hasta aqui\b|\bhasta aqui (le |lo )?"
        r"(dejamos|paramos|llegamos|terminamos)\b",
        r"\b(ya )?(casi )?(terminamos|acabamos|hemos terminado|estamos terminando)\b",
        r"\b(cuando|despues de que|en cuanto) (terminemos|acabemos)\b",
        r"\b(agregar|anadir)\b",
        r"\bcuyo trabajo\b",
        r"\bme quedo (contigo|con usted)\b",
        r"\bte explico (lo que|como)\b",
        r"\bvas a platicar con\b|\bva a venir una persona\b",
        r"\bquier(es|as|e|a) que le (diga|digamos)\b",
        r"\bme contaste muchas\b",
        r"\b(tienes|tiene) (alguna )?(pregunta|preguntas|duda|dudas)\b",
        r"\blo que va a pasar\b",
        # How they feel after talking.
        r"\b(sientes|siente|sentiste)\b (\w+ ){0,3}(despues de|ahora que) (platicar|"
        r"hablar|(que )?(platicamos|hablamos|terminamos)|terminar)\b",
        r"\b(que|cuales) (dudas|preguntas) (tienes|tiene)\b",
        # Who comes next and what they will do (not someone coming to look for them).
        r"\b(viene|vienen|va a venir|van a venir|llega|va a llegar|te va a|te van a|"
        r"le va a|le van a)\b (\w+ ){0,6}(ayudar\w*|apoyar\w*|cuidar\w*|acompanar\w*|"
        r"atender\w*)\b",
        r"\b(va|van) a (platicar|hablar) (contigo|con usted)\b|\b(te|le) (vamos|van) "
        r"a llevar a\b",
        r"\b(va|van) a venir (el|la|un|una) \w+\b(?!.*\bbuscar\w*\b)",
        # The officer's praise of the young person's effort, and how to reach them.
        r"\b(le |les )?echaste (muchas |todas las )?ganas\b|\blo hiciste (muy )?bien\b"
        r"|\b(hiciste|hizo) un (gran|buen|excelente) (trabajo|esfuerzo)\b",
        r"\bsi (despues |luego |mas tarde |algun dia )?(te acuerdas|se acuerda|"
        r"recuerdas|recuerda) de algo\b",
        r"\b(mi tarjeta|este numero|mi numero|mi telefono)\b|\bme (puedes|puede) "
        r"(llamar|marcar)\b",
        r"\b(es|seria) todo (por (hoy|ahora)|lo que (te |le )?(queria|quiero|tenia que|"
        r"tengo que|necesitaba) preguntar)\b|\bpor ahora es todo\b",
    ],
    "rapport": [
        r"\bno (estas|esta|esta usted) en (ningun )?problemas?\b",
        r"\bno estoy enojad[ao]\b",
        r"\b(tomate|tomarse|tome) (tu|su) tiempo\b|\bno hay prisa\b",
        r"\badivin\w+\b|\bsi no sabes\b|\bdecir no se\b|\bdecir que no sabes\b",
        r"\bcorreg\w+\b|\bcorrig\w+\b|\bme equivoco\b",
        r"\bno entiendes? una pregunta\b|\bsi no (me )?entiende(s)?\b|\bde otra "
        r"(manera|forma)\b",
        r"\bsi (te|le) (pregunto|vuelvo a preguntar|hago la misma pregunta)\b",
        r"\b(espanol|ingles) o en (ingles|espanol)\b",
        r"\bprefier\w*\b",
        r"\bme llamo\b|\bsoy (policia|oficial|la oficial|el oficial|la agente|el "
        r"agente|detective|la detective|el detective)\b",
        r"\bte gust\w+\b|\ble (gusta|gustan|gustaria)\b|\bfines? de semana\b|\btiempo "
        r"libre\b|\bmascotas?\b",
        r"\b(tu|su|tus|sus) (perr\w+|gat[oa]s?|gatit\w+)\b",
        r"\bfavorit[oa]s?\b|\bjuegos?\b|\bjugar\b|\bdeportes?\b|\bfutbol\b",
        r"\b(tu|su) escuela\b|\ben la escuela\b|\bdespues de la escuela\b|\ben que "
        r"(ano|grado) vas\b|\bmaterias?\b|\bmusica\b",
        r"\b(programas|series|caricaturas|peliculas|tele|youtube|tiktok|anime)\b",
        r"\b(eres|es) (muy )?(buen[oa]|bueno) (para|en)\b",
        r"(^|¿ )que tal (el|la|tu|tus|su|te fue)\b|(^|¿ )como (te fue|estuvo) (el|la|"
        r"tu) (camino|viaje|dia|semana)\b|(^|¿ |, )como estas\b|"
        r"(^|¿ )que onda\b(?! con)",
        r"\bte puedo decir\b|\bde tu o de usted\b",
        r"\bcosas que (de verdad|realmente|si) pasaron\b",
        r"\bsi (\w+ ){0,4}(necesitas|quieres|necesita|quiere) (un )?(descanso|"
        r"descansar|parar|una pausa)\b",
        r"\b(me )?(prometes|promete)\b.*\bverdad\b|\bimportante (que )?(digas|me "
        r"digas) (\w+ )?la verdad\b",
        # Telling truth from lies: a ground rule checked as an either/or.
        r"\b(verdad|cierto) o (mentira|falso)\b|\bmentira o verdad\b",
        r"\bestoy aqui para (ayudarte|ayudarle|ayudar|escucharte|escucharle)\b",
        r"\brespuestas (buenas|correctas|malas)\b",
        r"\bsi no te acuerdas\b|\besta bien (si no|decir)\b",
        r"\b(parar|descansar|detenernos|pausar) cuando (quieras|quiera)\b",
        r"\bno (tienes|tiene) que (contestar|responder|hablar de)\b",
        r"\bcomo te llamas\b|\bcomo se llama usted\b",
        r"\bcomo (quieres|prefieres) que te (diga|llame|hable)\b",
        r"\b(idioma|lengua) (hablas|habla|prefieres)\b",
        r"\b(tu|usted) (eres|es) quien sabe\b|\byo no estaba ahi\b",
        r"\bmi trabajo es\b|\btrabajo con (muchos |muchas )?(jovenes|ninos|ninas|"
        r"chavos)\b",
        r"\bpuedes preguntar(me)? (lo que quieras|cualquier cosa)\b",
        r"\bsentar(te|nos|se)?\b|(^|, |\byo )trabajo (en|para) (la|el)\b",
        # Choices about the conversation's setting: who is there, who asks.
        r"\bmas (a gusto|comod[oa]s?)\b|\b(sentirias|estarias) (a gusto|comod[oa])\b|"
        r"\b(una|un) oficial (mujer|hombre)\b",
        r"\b(alguien|una persona) (\w+ ){0,5}(este|estar|se quede|te acompane) "
        r"contigo\b(?!.*\b(esta noche|hoy)\b)",
        r"\b(cuentame|platicame|hablame|cuenteme|platiqueme) (\w+ ){0,3}(de|sobre) "
        r"(ti|usted)\b(?! mism)",
        # Asking the young person's leave, and saying notes will be taken.
        r"\b(me dejas|me deja|me permites|me permite)\b|\b(esta|estaria) bien si\b|"
        r"\b(te|le) (molesta|parece) si\b",
        r"\b(anotar|anotando|apuntar|apuntando|tomar notas|tomo notas|tomando notas|"
        r"grabar|grabando)\b",
        REASSURE,
    ],
    # Practice narratives about a neutral event (NICHD): rapport, unless the young
    # person's words are taken up.
    "rapport_topic": (
        r"\b(cumpleanos|navidad|ano nuevo|vacaciones|dia de muertos|posadas?)\b"
        r"|\bdesde que te (levantaste|despertaste)\b"
    ),
    "safety": [
        r"\b(hambre|sed|duele|dolor|lastim\w+|doctor\w*|medic\w+|enfermer\w+|"
        r"ambulancia|hospital|clinica|pastillas|bano|cobija|chamarra|sueter|agua|"
        r"comer|comiste|comida|frio|herid\w+|sangr\w+|enferm\w+|marea\w*|vomit\w*|"
        r"nause\w+|desmay\w+|peligro|miedo|a salvo|segur[ao]|obligando|preocup\w+|"
        r"asustad\w+)\b|\b(tienes|tiene) (algun |algunos |un )?(golpes?|moreton\w*)\b",
        r"\balguien te (esta )?amenaz\w+\b|\bte (estan|esta) amenazando\b",
        r"(^|¿ )(tu |vos |usted )?(estas|te sientes|se siente|se encuentra) bien\b",
        r"\b(necesitas|necesita|quieres|quiere|se te ofrece) algo\b(?! (mas|que))|"
        r"\b(te|le) (traigo|traemos|consigo) algo\b|\b(te sientes|se siente) bien\b",
        r"\ben este momento\b|\bahorita\b",
        r"\bte va a hacer algo\b|\b(hacer|hacerte) (dano|algo)\b|\b(ha|han) "
        r"hecho dano\b",
        # Being followed or watched: danger now, whoever it is.
        r"\balguien (\w+ ){0,2}(siguio|sigue|esta siguiendo|revisa|checa|vigila|"
        r"rastrea|controla)\b|\bte (siguio|siguieron|sigue|siguen) hasta aqui\b|\bte "
        r"(esta|estan) siguiendo\b|\bsabe(n)? donde (andas|estas)\b",
        r"\bdescansar\b|\bun descanso\b|\bbuscarte\b|\bnecesit\w+ ayuda\b",
        r"\besperandote\b|\b(te )?(esta|estan) esperando\b|\bvenga(n)? a buscar\w*\b",
        r"\b(dormir|quedarte|quedarse|pasar la noche) (\w+ ){0,2}(hoy|esta noche)\b|"
        r"\bdonde (vas a|puedes|va a|puede) (dormir|quedarte|quedarse)\b",
        r"\bde confianza\b|\bque (le )?(llamemos|hablemos|avisemos)\b",
    ],
    "named_act": (
        r"\b(ella|ellos|ellas)\b|\btu (tio|tia|primo|prima|papa|mama|novio|amigo|"
        r"amiga)\b|\b(pego|pegaba|toco|tocaba|golpeo)\b"
    ),
    # "él" (he), read in the typed text: folded, it is "el" (the) too.
    "named_raw": r"\bél\b",
    "past_feeling": r"^(tuviste|tenias|sentiste) miedo\b",
    "past_stay": (
        r"\b(alla|ahi|en ese lugar|daban|tenian|tenias|hacia|esa noche|ese dia|esa "
        r"vez|aquella|aquel)\b"
    ),
    "said_cue": (
        r"\b(dijiste|mencionaste|menciono|me hablaste|me contaste|me platicaste|"
        r"hace rato|comentaste|me dijiste|nos dijiste|nos contaste|hablaste de)\b|"
        r"\busted (me )?(dijo|conto|platico|comento|hablo)\b|\b(me )?(dijo|conto|"
        r"platico|comento) usted\b"
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
        r"\b(piensa|piense) en (la|el|cuando|los|las)\b" + EPISODE,
        r"\bregresa(mos)? a (cuando|la|el)\b" + EPISODE,
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
        r"que mas)(de )?" + WH_ES + r"\b|\b(te acuerdas|se acuerda|recuerdas|recuerda|"
        r"sabes|sabe) (de )?(su|el|la|sus|los|del) (\w+ ){0,2}(nombre|apellido|"
        r"direccion|numero|telefono|edad|calle|placas)\b"
    ),
    "invitation": [
        r"\b(cuentame|cuenteme|platicame|platiqueme|cuentanos|cuentenos|platicanos|"
        r"platiquenos|dime|digame|dinos|diganos|relatame|relateme)\b",
        r"\b(me|nos) (puedes|puede|quieres|quiere|podrias|podria|quisieras) (contar|"
        r"platicar|decir|explicar|describir)\b",
        r"\b(puedes|puede|podrias|podria|quieres|quiere|quisieras|te gustaria|le "
        r"gustaria) (contar|platicar|decir|explicar|describir)(me|nos)\b",
        r"\b(me|nos) (platicas|cuentas|platica|cuenta|explicas|explica|cuentes|"
        r"platiques|expliques)\b",
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
        r"cierto|no es asi|no es verdad|a poco no|o no|o si|a que si|a que no|eh))"
        r" ?\??$"
    ),
    "vocative": (
        r"^(senora|senor|senorita|mija|mijo|oye|oiga|a ver|bueno|ok|okay|y) ,? "
    ),
}

ES["retell_spared"] = (
    r"\b(no|nunca) (tengas|tendras|tienes|vas a tener) que\b|\bsi (te|le) "
    r"(pregunto|vuelvo a preguntar)\b"
)
# After "dijiste...": a later clause asking what happened is a narrative request.
ES["narrative"] = r"^(y )?(entonces )?(que paso|que mas|que hiciste)\b"
# A yes/no question about the facts ("¿alguien vio lo que pasó?"), no invitation.
ES["not_invitation"] = (
    r"\b(vio|vieron|viste|escucho|escucharon|escuchaste|oyo|oyeron|oiste|sabe|sabia|"
    r"saben|sabian|supo|supieron)\b (\w+ ){0,2}(lo que|que) paso\b"
)
# "¿sale?", "¿está bien?": asking whether something is all right, not a leading tag.
ES["consent_tag"] = (
    r"(^|[,.] ?¿? ?)(sale|va|esta bien|ok|okay|de acuerdo|te parece|vale)( \?)?$"
)
# Where a request joins a rapport preface in one clause ("tómate tu tiempo y cuéntame").
ES["preface_joint"] = r"^ ?,? ?(y|entonces|asi que|pero|por eso)( ahora)? "
# Where a later clause starts after "dijiste ..." (a comma, "y luego").
ES["joint"] = (
    r",| y (?:luego|despues|entonces) | y (?=que |donde |quien |cuando |como )"
)
ES["wh_tail"] = r"^$"  # Spanish tags ("¿a que sí?") start like a wh- word: no check
