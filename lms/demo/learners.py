"""The demo activity's people and story: fictional learners of a border-training
cohort (and three outside it), their agencies, and what each did in which demo
course, in days before today. ``lms.demo.activity`` turns it into records;
``load_demo_data`` applies the administrator's certificate decisions listed here.
Edit a ``Plan`` and run ``manage.py load_demo_data --replace-activity``.
"""

from dataclasses import dataclass

DEMO_LEARNER_DOMAIN = "example.org"  # reserved: nothing sent there reaches anyone
DEMO_COHORT_NAME = "Southern Border Initiative — Chula Vista"
DEMO_COHORT_PLACE = "Chula Vista, California"
DEMO_COHORT_COURSES = ("victim-centered", "first-response")
DEMO_COHORT_STARTED_DAYS_AGO = 170
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip

AGENCIES = {
    "tijuana-police": (
        "Policía Municipal de Tijuana", "police", "MX", "Baja California",
    ),
    "ppnna-bc": (
        "Procuraduría de Protección de Niñas, Niños y Adolescentes de Baja California",
        "child_protection", "MX", "Baja California",
    ),
    "dif-tijuana": ("Sistema DIF Tijuana", "child_protection", "MX", "Baja California"),
    "fge-bc": (
        "Fiscalía General del Estado de Baja California", "prosecutor", "MX",
        "Baja California",
    ),
    "busqueda-bc": (
        "Comisión Estatal de Búsqueda de Personas de Baja California", "government",
        "MX", "Baja California",
    ),
    "police-sonora": (
        "Policía Estatal de Seguridad Pública de Sonora", "police", "MX", "Sonora",
    ),
    "ppnna-sonora": (
        "Procuraduría de Protección de Niñas, Niños y Adolescentes de Sonora",
        "child_protection", "MX", "Sonora",
    ),
    "fge-sonora": (
        "Fiscalía General del Estado de Sonora", "prosecutor", "MX", "Sonora",
    ),
    "fge-chihuahua": (
        "Fiscalía General del Estado de Chihuahua", "prosecutor", "MX", "Chihuahua",
    ),
    "red-noroeste": (
        "Red de Acompañamiento a Víctimas del Noroeste, A.C.", "advocate", "MX",
        "Baja California",
    ),
    "chula-vista-pd": ("Chula Vista Police Department", "police", "US", "California"),
    "sd-da": (
        "San Diego County District Attorney's Office", "prosecutor", "US", "California",
    ),
    "sd-cws": (
        "San Diego County Child Welfare Services", "child_protection", "US",
        "California",
    ),
    "imperial-sheriff": (
        "Imperial County Sheriff's Office", "police", "US", "California",
    ),
    "national-city-pd": (
        "National City Police Department", "police", "US", "California",
    ),
    "border-advocates": (
        "Border Region Victim Advocacy Network", "advocate", "US", "California",
    ),
    "az-dcs": (
        "Arizona Department of Child Safety", "child_protection", "US", "Arizona",
    ),
    "yuma-pd": ("Yuma Police Department", "police", "US", "Arizona"),
    "nogales-pd": ("Nogales Police Department", "police", "US", "Arizona"),
    "el-paso-pd": ("El Paso Police Department", "police", "US", "Texas"),
    "tx-cps": (
        "Texas Department of Family and Protective Services (CPS)", "child_protection",
        "US", "Texas",
    ),
    "hsi": ("Homeland Security Investigations", "government", "US", "Texas"),
}  # fmt: skip


@dataclass(frozen=True)
class Plan:
    """What one demo learner did in one course (days counted back from today).

    The first ``share`` of the course outline is done in order, between
    ``enrolled`` and ``last``; quizzes are passed on the first attempt except where
    ``retake`` (the first module quiz failed once) and the course's last quiz,
    whose attempts score ``final`` in turn. ``share=0``: enrolled, not started.
    """

    course: str  # fixture key
    enrolled: int
    last: int
    share: float = 1.0
    final: tuple[int, ...] = (100,)
    retake: bool = False


@dataclass(frozen=True)
class DemoLearner:
    full_name: str
    email: str  # the part before @DEMO_LEARNER_DOMAIN
    agency: str  # key of AGENCIES
    job_title: str
    language: str
    plans: tuple[Plan, ...]
    in_cohort: bool = True


VC, FR, CQ = "victim-centered", "first-response", "consular-quick-reference"

DEMO_LEARNERS = (
    DemoLearner("Ximena Ibáñez Cordero", "ximena.ibanez", "ppnna-bc", "Abogada", "es",
                (Plan(VC, 168, 120, final=(93,)), Plan(FR, 118, 95))),
    DemoLearner("Óscar Peñaloza Ruiz", "oscar.penaloza", "tijuana-police",
                "Policía tercero", "es",
                (Plan(VC, 168, 140, final=(73, 86)), Plan(FR, 100, 80, share=0.5))),
    DemoLearner("Guadalupe Treviño Muñoz", "guadalupe.trevino", "dif-tijuana",
                "Psicóloga", "es", (Plan(VC, 167, 61),)),
    DemoLearner("Rafael Castañeda Orozco", "rafael.castaneda", "fge-bc",
                "Agente del Ministerio Público", "es",
                (Plan(VC, 166, 130, share=0.6),)),
    DemoLearner("Mónica Zúñiga Herrera", "monica.zuniga", "busqueda-bc", "Analista",
                "es", (Plan(VC, 165, 33, final=(80,)), Plan(FR, 60, 25, final=(83,)))),
    DemoLearner("Ángel Barragán Soto", "angel.barragan", "police-sonora", "Suboficial",
                "es", (Plan(VC, 164, 70, final=(60, 67, 73)),)),
    DemoLearner("Itzel Domínguez Ávila", "itzel.dominguez", "ppnna-sonora",
                "Trabajadora social", "es",
                (Plan(VC, 163, 12, final=(86,)), Plan(FR, 20, 20, share=0))),
    DemoLearner("Fernando Quiñones Lara", "fernando.quinones", "fge-sonora",
                "Agente investigador", "es",
                (Plan(FR, 150, 110), Plan(VC, 100, 45, share=0.25))),
    DemoLearner("Paulina Rentería Gómez", "paulina.renteria", "red-noroeste",
                "Acompañante de víctimas", "es",
                (Plan(VC, 160, 88, final=(93,), retake=True),)),
    DemoLearner("Tomás Echeverría Núñez", "tomas.echeverria", "tijuana-police",
                "Policía segundo", "es",
                (Plan(VC, 159, 159, share=0), Plan(FR, 90, 70, share=0.3))),
    DemoLearner("Emily Hartwell", "emily.hartwell", "chula-vista-pd", "Detective",
                "en", (Plan(VC, 168, 101, final=(86,)), Plan(CQ, 95, 94))),
    DemoLearner("Marcus Delgado", "marcus.delgado", "sd-da",
                "Deputy District Attorney", "en",
                (Plan(FR, 140, 132, final=(83,)), Plan(VC, 135, 47, final=(80,)))),
    DemoLearner("Rosa Villaseñor", "rosa.villasenor", "sd-cws", "Social worker", "es",
                (Plan(VC, 165, 75, final=(60, 93)), Plan(FR, 70, 40))),
    DemoLearner("Kevin O'Connell", "kevin.oconnell", "imperial-sheriff",
                "Deputy sheriff", "en",
                (Plan(FR, 145, 137), Plan(VC, 130, 16, share=0.8))),
    DemoLearner("Brianna Whitaker", "brianna.whitaker", "az-dcs", "CPS specialist",
                "en",
                (Plan(FR, 130, 122, final=(83,)), Plan(VC, 120, 60, share=0.45),
                 Plan(CQ, 50, 49, final=(80,)))),
    DemoLearner("Daniel Acuña", "daniel.acuna", "el-paso-pd", "Sergeant", "en",
                (Plan(VC, 162, 19), Plan(CQ, 30, 29, final=(60, 100)))),
    DemoLearner("Sarah Kowalski", "sarah.kowalski", "tx-cps", "CPS investigator", "en",
                (Plan(VC, 155, 150, share=0.1), Plan(FR, 85, 52))),
    DemoLearner("Jorge Ramírez Solano", "jorge.ramirez", "hsi", "Special agent", "es",
                (Plan(VC, 161, 26, final=(93,)), Plan(CQ, 26, 25))),
    DemoLearner("Lucía Fuentes Bravo", "lucia.fuentes", "border-advocates",
                "Victim advocate", "es",
                (Plan(VC, 158, 9, final=(86,)), Plan(FR, 40, 8, share=0.6))),
    DemoLearner("Tyler Brooks", "tyler.brooks", "national-city-pd", "Police officer",
                "en",
                (Plan(FR, 120, 100, final=(67, 83), retake=True),
                 Plan(VC, 160, 160, share=0))),
    # Not in the cohort: a learner from an earlier pilot whose two-year certificate
    # expires within the reminder window, and two officers who found the quick
    # reference on their own.
    DemoLearner("Nadia Ochoa Beltrán", "nadia.ochoa", "fge-chihuahua",
                "Fiscal especializada", "es", (Plan(VC, 740, 712, final=(100,)),),
                in_cohort=False),
    DemoLearner("Hannah Lindqvist", "hannah.lindqvist", "yuma-pd", "Detective", "en",
                (Plan(CQ, 15, 14),), in_cohort=False),
    DemoLearner("Carlos Medrano Ortega", "carlos.medrano", "nogales-pd",
                "Police officer", "es", (Plan(CQ, 10, 9, share=0.67),),
                in_cohort=False),
)  # fmt: skip

# What the demo program administrator decided (``load_demo_data`` does it with the
# certificates app's services once the certificates exist): two quick-reference
# certificates approved, the others left in the approval queue, one revoked.
DEMO_APPROVALS = (("brianna.whitaker", CQ), ("jorge.ramirez", CQ))
DEMO_REVOCATION = (
    "brianna.whitaker",
    FR,
    "Emitido por error: la agencia informó que el curso se realizó con la cuenta de "
    "otra persona. / Issued in error: the agency reported that the course was "
    "taken under another person's account.",
)
DEMO_ADMINISTRATOR = "admin@puente.test"
