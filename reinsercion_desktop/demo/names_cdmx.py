"""Mexican names and places of the Álvaro Obregón programme (`000_…`), for the `cdmx` demo."""

MEN = (
    "José Luis", "Juan Carlos", "Miguel Ángel", "Jesús", "Luis Ángel", "Fernando", "Ricardo",
    "Eduardo", "Jorge", "Marco Antonio", "Christian", "Alejandro", "Francisco Javier", "Daniel",
    "Óscar", "Raúl", "Víctor Hugo", "Édgar", "Arturo", "Sergio", "Omar", "Iván", "Rodrigo",
    "Héctor", "Julio César", "Salvador", "Armando", "Gerardo", "Emiliano", "Diego", "Alan",
    "Brandon", "Kevin", "Uriel", "Ulises", "Abraham",
)  # fmt: skip
WOMEN = (
    "María Guadalupe", "Guadalupe", "Alejandra", "Verónica", "Leticia", "Patricia", "Rosa María",
    "Adriana", "Gabriela", "Claudia", "Brenda", "Karla", "Diana", "Mariana", "Fernanda",
    "Itzel", "Jazmín", "Areli", "Yesenia", "Lizbeth", "Araceli", "Norma", "Silvia", "Xóchitl",
    "Ximena", "Daniela", "Montserrat", "Paola",
)  # fmt: skip
SURNAMES = (
    "Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez",
    "Ramírez", "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez", "Torres",
    "Díaz", "Gutiérrez", "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Moreno", "Castillo", "Romero",
    "Álvarez", "Méndez", "Chávez", "Rivera", "Juárez", "Ramos", "Domínguez", "Herrera",
    "Medina", "Castro", "Vargas", "Guzmán", "Velázquez", "Muñoz", "Rojas", "Contreras",
    "Salazar", "Luna", "Ortega", "Santiago", "Guerrero", "Estrada", "Bautista", "Cortés",
    "Soto", "Alvarado", "Espinoza", "Lara", "Ávila", "Ríos", "Cervantes", "Silva", "Delgado",
    "Vega", "Márquez", "Sandoval", "León", "Carrillo", "Mejía", "Solís", "Núñez", "Rosas",
    "Valdez", "Ibarra", "Campos", "Maldonado", "Navarro", "Acosta", "Peña", "Tapia", "Pacheco",
    "Miranda", "Zúñiga", "Olvera", "Becerra", "Trejo", "Galicia", "Nava",
)  # fmt: skip
PROVINCE = "Ciudad de México"
# The programme's alcaldía and its neighbours, where people live (field "municipality").
PLACES = {
    PROVINCE: (
        "Álvaro Obregón", "Álvaro Obregón", "Álvaro Obregón", "Álvaro Obregón",
        "Magdalena Contreras", "Coyoacán", "Benito Juárez", "Cuajimalpa de Morelos", "Tlalpan",
        "Miguel Hidalgo",
    )
}  # fmt: skip
COLONIAS = (
    "Olivar del Conde", "Jalalpa", "Tizapán", "San Ángel", "Santa Fe", "Las Águilas",
    "Tetelpan", "Molino de Rosas", "Florida", "Guadalupe Inn", "Presidentes", "Tolteca",
    "La Conchita", "Barrio Norte", "Lomas de Becerra", "Corpus Christi",
)  # fmt: skip
STREETS = (
    "Calle 10", "Avenida Centenario", "Calle Canario", "Avenida Santa Lucía", "Calle Sur 122",
    "Avenida Toluca", "Calzada de las Águilas", "Avenida Desierto de los Leones",
    "Calle Benvenuto Cellini", "Avenida Revolución", "Calle Rosa Roja",
)  # fmt: skip
HOUSE_NAMES = (
    "Olivar del Conde", "Tizapán", "Las Águilas", "Jalalpa", "Tetelpan", "Santa Fe",
    "Molino de Rosas", "San Ángel", "Presidentes", "La Conchita",
)  # fmt: skip
REFERRING_CENTRES = (  # kind, name, province (all in the city)
    ("CTA", "CAPA Olivar del Conde (Centro de Atención Primaria en Adicciones)", PROVINCE),
    ("CTA", "CAPA Tlacoyaque", PROVINCE),
    ("CTA", "Centro de Integración Juvenil Álvaro Obregón Poniente", PROVINCE),
    ("CTA", "Centro de Integración Juvenil Álvaro Obregón Oriente", PROVINCE),
    ("CTA", "CAPA Magdalena Contreras", PROVINCE),
    ("CTA", "Centro de Integración Juvenil Coyoacán", PROVINCE),
    ("CT", "Establecimiento residencial «Nueva Vida» (Santa Fe)", PROVINCE),
    ("CT", "Clínica residencial de adicciones Tetelpan", PROVINCE),
    ("CT", "Centro residencial para adolescentes «Ollin» (Jalalpa)", PROVINCE),
    ("CPD", "Instituto para la Atención y Prevención de las Adicciones (IAPA)", PROVINCE),
    ("EAIIPP", "Centro Varonil de Reinserción Social Santa Martha Acatitla", PROVINCE),
    ("EAIIPP", "Centro Femenil de Reinserción Social Santa Martha Acatitla", PROVINCE),
    ("EAIIPP", "Comunidad de Tratamiento Especializado para Adolescentes", PROVINCE),
)
STAFF = (  # login, full name, role (the demo account first)
    ("demo", "Usuario/a de demostración", "administrador"),
    ("guadalupe.hernandez", "Guadalupe Hernández Olvera", "tecnico"),
    ("ricardo.morales", "Ricardo Morales Trejo", "responsable"),
    ("alejandra.cruz", "Alejandra Cruz Galicia", "tecnico"),
    ("jorge.ramirez", "Jorge Ramírez Nava", "tecnico"),
)
