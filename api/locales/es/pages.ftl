# Páginas para el personal técnico, en español (traducidas del archivo fuente en inglés).
# Los ids se agrupan por página; las etiquetas de vocabulario (temáticas, regiones, tipos…) van al final.
# Placeables: $count es un número que determina la forma plural; $shown es ese mismo número
# ya escrito según la configuración regional del lector (use $shown en el texto y $count en el selector).

## Marco común de todas las páginas

site-name = Smarty Exchange
page-title = { $title } · Smarty Exchange ({ $node })
skip-to-content = Saltar al contenido principal
search-label = Buscar buenas prácticas e instrumentos de política
search-placeholder = Buscar en las prácticas de todas las regiones
search-button = Buscar
brand-node = nodo de { $node }
nav-main = Menú principal
nav-search = Buscar
nav-regions = Regiones
nav-transfers = Transferencias
nav-manage = Gestionar las fichas de { $node }
nav-sign-in = Iniciar sesión
nav-sign-out = Cerrar sesión
language-switcher = Idioma de las páginas
footer-about = Smarty Exchange es el espacio de intercambio de buenas prácticas del consorcio SMARTY de Interreg Europe (Industria 4.0 para pymes). Este es el nodo de { $node }.
footer-api = Documentación de la API
back-to-search = Volver a la búsqueda

## Página de búsqueda

search-title = Búsqueda
search-title-words = Búsqueda: { $q }
catalogue-heading = Catálogo compartido
results-heading = Resultados para «{ $q }»
filters = Filtros
filters-show = Filtros
filters-active = Filtros aplicados
filter-remove = Quitar el filtro: { $label }
filter-year-from = Desde { $year }
filter-year-to = Hasta { $year }
facet-theme = Temática
facet-origin = Región
facet-kind = Tipo
facet-intervention = Intervención
facet-language = Idioma
facet-year = Año de inicio
year-from = Desde
year-to = Hasta
year-any = cualquier año
apply-filters = Aplicar filtros
clear-filters = Quitar filtros
results-count =
    { $count ->
        [one] { $shown } resultado
        [many] { $shown } resultados
       *[other] { $shown } resultados
    }
results-range = se muestran del { $first } al { $last }
sort-by = Ordenar por
sort-relevance = Relevancia
sort-updated = Actualización más reciente
sort-inspired = Más citadas en planes de acción
sort-button = Ordenar
export-csv = Exportar estos resultados en CSV
follow-search = Seguir esta búsqueda (canal Atom)
no-results = No hay resultados. Pruebe con menos palabras o quite los filtros.
results-pages = Páginas de resultados
page-previous = Página anterior
page-next = Página siguiente
address-left-out = Una parte de esta dirección no se ha podido usar y se ha omitido: { $parts }.
result-started = Iniciada en { $year }

## Página de una ficha

back-to-results = Volver a los resultados
record-from = { $kind } de { $origin }
in-english = En inglés
edit-record = Editar esta ficha
row-summary = Resumen
row-description = Descripción
row-intervention = Intervención
row-themes = Temáticas
row-language = Idioma
row-main-institution = Institución principal
row-location = Ubicación
row-timescale = Periodo de ejecución
row-resources = Recursos necesarios
row-evidence = Evidencias de éxito
row-difficulties = Dificultades encontradas
row-transfer = Potencial de aprendizaje o transferencia
row-keywords = Palabras clave
row-budget = Presupuesto
row-funding = Fuentes de financiación
row-contact = Contacto (solo para editores)
row-instrument-type = Tipo de instrumento
row-managing-authority = Autoridad de gestión
row-territory = Territorio (NUTS)
row-key-sectors = Sectores clave
row-smes = Pymes manufactureras
row-support = Programas de apoyo
row-stakeholders = Grupo de partes interesadas
row-links = Enlaces
row-instruments = Instrumentos de política relacionados
row-origin = Origen
row-updated = Última actualización en su origen
row-received = Última recepción desde su origen
row-inspired = Acciones que ha inspirado
row-similar = Prácticas similares en otras regiones
row-action = Acción
row-inspired-by = Inspirada en
row-monitoring = Seguimiento
timescale-ongoing = Desde { $start } (en curso)
timescale-range = Del { $start } al { $end }
inspired-action = { $region }: acción { $number }, { $title }
cited-by = Inspirada en: { $title }
cited-not-held = (aún no disponible en este nodo)
cited-withdrawn = { $title } (retirada)
cited-unknown = { $title } (desconocida)
cited-ambiguous = { $title } (varias regiones tienen una práctica con este identificador)
monitoring-action = acción { $number }: { $status }
similar-item = { $title } ({ $region })
not-found-heading = No se ha encontrado
not-found-record = No hay ninguna ficha con esta dirección que usted pueda consultar.
choices-heading = Hay varias fichas con esta dirección
choices-message = Hay fichas de más de una región con este identificador. Elija la región de la ficha que busca.

## Página de regiones

regions-title = Regiones
regions-heading = Regiones socias
regions-caption = Fichas que este nodo almacena de cada región y última sincronización correcta con cada una
regions-region = Región
regions-country = País
regions-held = Fichas almacenadas
regions-last-sync = Última sincronización correcta
regions-this-node = este nodo
regions-never = nunca

## Página de transferencias

transfers-title = Transferencias entre regiones
transfers-heading = Cómo circulan las prácticas entre regiones
transfers-intro = Cada celda indica cuántas acciones de los planes de acción de la región de la columna citan al menos una práctica de la región de la fila. Las prácticas retiradas también cuentan, porque la transferencia llegó a producirse.
transfers-caption = Acciones inspiradas, por región de la práctica (filas) y región que la adopta (columnas)
transfers-from = Práctica de
transfers-own = en la propia región
transfers-cell =
    { $count ->
        [one] { $shown } acción de { $to } inspirada en { $from }
        [many] { $shown } acciones de { $to } inspiradas en { $from }
       *[other] { $shown } acciones de { $to } inspiradas en { $from }
    }
transfers-actions-title = Acciones de { $to } inspiradas en { $from }
transfers-actions-intro = Cada acción de la lista cita al menos una práctica de { $from }.
transfers-actions-none = Ninguna acción de { $to } cita todavía una práctica de { $from }.
transfers-back = Volver a las transferencias

## Inicio de sesión

sign-in-title = Iniciar sesión
sign-in-intro = Inicie sesión con la clave de acceso que le ha facilitado el administrador de su nodo. Con ella podrá añadir y editar las prácticas y los instrumentos de política de su región; para consultar el catálogo no se necesita clave.
sign-in-no-key = ¿Aún no tiene clave? Solicite una clave de acceso de editor al administrador de su nodo.
access-key = Clave de acceso
sign-in-button = Iniciar sesión
sign-in-read-only = Esta clave de acceso permite consultar, pero no editar: solicite una clave de editor al administrador de su nodo.
sign-in-unknown = Esta clave de acceso no se reconoce en este nodo o ha sido revocada. Compruébela o consulte al administrador de su nodo.

## Gestión de fichas

manage-title = Gestión de fichas
manage-heading = Fichas de { $node }
manage-saved = Se ha guardado «{ $title }».
manage-new-case-study = Nuevo caso de estudio
manage-new-instrument = Nuevo instrumento de política
manage-caption = Todas las fichas de esta región, incluidos los borradores
manage-col-title = Título
manage-col-kind = Tipo
manage-col-status = Estado
manage-col-version = Versión
manage-col-actions = Acciones
manage-edit = Editar

## Formularios de las fichas

form-new = Nueva ficha: { $kind }
form-edit = Editar ficha: { $kind }
form-not-saved =
    { $count ->
        [one] No se ha guardado la ficha: hay { $shown } problema
        [many] No se ha guardado la ficha: hay { $shown } problemas
       *[other] No se ha guardado la ficha: hay { $shown } problemas
    }
form-required = (obligatorio)
form-save = Guardar
form-section-about = Sobre la práctica
form-section-what = Qué se hizo y cómo resultó
form-section-where = Dónde y cuándo
form-section-money = Presupuesto y financiación
form-section-links = Enlaces e instrumentos relacionados
form-section-contact = Contacto (confidencial)
form-section-english = En inglés
form-section-instrument = Sobre el instrumento
form-conflict = Otra persona ha guardado esta ficha mientras tanto (ahora está en la versión { $current }): vuelva a cargar el formulario para ver sus cambios.
field-status = Estado
hint-status = Los borradores solo son visibles para los editores de esta región; las fichas publicadas se comparten con todas las regiones.
field-title = Título
field-name = Nombre
field-summary = Resumen
field-description = Descripción
field-intervention = Intervención
field-themes = Temáticas
field-language = Idioma
field-main-institution = Institución principal
field-location = Ubicación
field-nuts = Código NUTS de la ubicación
field-start = Fecha de inicio
field-end = Fecha de finalización
field-resources = Recursos necesarios
field-evidence = Evidencias de éxito
field-difficulties = Dificultades encontradas
field-transfer = Potencial de aprendizaje o transferencia
field-keywords = Palabras clave
field-links = Enlaces
field-budget-amount = Importe del presupuesto
field-budget-currency = Moneda del presupuesto
field-funding = Fuentes de financiación
field-instruments = Instrumentos de política relacionados
field-contact-name = Persona de contacto
field-contact-email = Correo electrónico de contacto
field-title-en = Título en inglés
field-name-en = Nombre en inglés
field-summary-en = Resumen en inglés
field-description-en = Descripción en inglés
field-resources-en = Recursos necesarios, en inglés
field-evidence-en = Pruebas de éxito, en inglés
field-difficulties-en = Dificultades encontradas, en inglés
field-transfer-en = Potencial de aprendizaje o transferencia, en inglés
field-instrument-type = Tipo de instrumento
field-managing-authority = Autoridad de gestión
field-territory = Territorio (código NUTS)
field-url = Página web
hint-title = Hasta 200 caracteres.
hint-summary = Hasta 1000 caracteres.
hint-location = Municipio o zona.
hint-nuts = Dos letras mayúsculas seguidas de hasta tres cifras o letras mayúsculas; por ejemplo, ITI15.
hint-end = Déjelo en blanco mientras esté en curso.
hint-lines = Una entrada por línea.
hint-links = Una dirección http o https por línea.
hint-amount = Un número, con punto como separador decimal; por ejemplo, 250000 o 1250.50.
hint-currency = Código ISO 4217; por ejemplo, EUR.
hint-contact = Datos personales: solo los ven los editores de esta región y nunca se comparten.
hint-title-en = Para fichas redactadas en otro idioma.
hint-territory = Por ejemplo, ITI1.

## Mensajes de validación junto a los campos del formulario

invalid-required = Rellene este campo.
invalid-text-length = Escriba entre 1 y { $max } caracteres, no solo espacios.
invalid-date = Introduzca una fecha.
invalid-end-before-start = La fecha de finalización no puede ser anterior a la de inicio.
invalid-url = Introduzca una dirección que empiece por http:// o https://.
invalid-email = Introduzca una dirección de correo electrónico, como nombre@example.org.
invalid-amount = Introduzca un número sin espacios ni símbolo de moneda; por ejemplo, 250000 o 1250.50.
invalid-currency = Introduzca un código de moneda de tres letras; por ejemplo, EUR, GBP o PLN.
invalid-nuts = Introduzca un código NUTS: dos letras mayúsculas seguidas de hasta tres cifras o letras mayúsculas.
invalid-language = Elija un idioma.
invalid-at-least =
    { $count ->
        [one] Elija al menos { $shown } opción.
        [many] Elija al menos { $shown } opciones.
       *[other] Elija al menos { $shown } opciones.
    }
invalid-at-most =
    { $count ->
        [one] Indique como máximo { $shown } elemento.
        [many] Indique como máximo { $shown } elementos.
       *[other] Indique como máximo { $shown } elementos.
    }
invalid-twice = Cada elemento solo puede aparecer una vez.
invalid-instrument = Elija uno de los instrumentos de política de esta región.
invalid-own-language = La traducción al inglés es para fichas redactadas en otro idioma.
invalid-other = Este valor no es válido; revíselo e inténtelo de nuevo.

## Páginas de error

error-400 = No se ha podido usar la dirección o el formulario
error-401 = Primero debe iniciar sesión
error-403 = No permitido
error-404 = Página no encontrada
error-405 = Esta operación no es posible aquí
error-406 = No disponible en ese formato
error-408 = La solicitud ha tardado demasiado
error-409 = Se ha modificado entretanto
error-413 = Demasiados datos de una vez
error-415 = Formato de formulario no admitido en esta página
error-422 = No es posible con estos valores
error-429 = Demasiadas solicitudes
error-500 = Se ha producido un error en este nodo
error-503 = El nodo está ocupado o se está iniciando
error-other = Se ha producido un error
error-detail-404 = No hay ninguna página en esta dirección. Puede que se haya trasladado o que el enlace esté mal escrito.
error-detail-429 = Ha hecho muchas solicitudes en poco tiempo. Espere un momento e inténtelo de nuevo.
error-detail-500 = El nodo no ha podido responder. El fallo es nuestro y ha quedado registrado. Inténtelo de nuevo más tarde.
error-detail-403 = No puede realizar esta acción aquí. Si es editor, vuelva a iniciar sesión e inténtelo de nuevo.
error-detail-401 = Inicie sesión con la clave de acceso que le dio el administrador del nodo e inténtelo de nuevo.
error-detail-other = El nodo no ha podido atender la solicitud.
error-detail-csrf = Este formulario ha caducado o procede de otro sitio; no se ha modificado nada. Vuelva a cargar la página e inténtelo de nuevo.

## Tipos, estados y otros vocabularios

kind-case_study = Caso de estudio
kind-policy_instrument = Instrumento de política
kind-action_plan = Plan de acción
kind-region_profile = Perfil regional
kind-other = Ficha
status-draft = Borrador
status-draft-hint = Borrador (solo lo ven los editores)
status-published = Publicada
status-withdrawn = Retirada
intervention-direct = Intervención directa
intervention-policy = Intervención mediante políticas
instrument-erdf-programme = Programa FEDER
instrument-etc-programme = Programa CTE (Interreg)
instrument-regional-strategy = Estrategia regional
instrument-national-strategy = Estrategia nacional
instrument-law = Ley
instrument-funding-scheme = Línea de financiación
instrument-other = Otro
action-not-started = sin iniciar
action-on-track = según lo previsto
action-delayed = con retraso
action-completed = finalizada
action-abandoned = abandonada
theme-production-monitoring = Sistemas de seguimiento del rendimiento de la producción
theme-production-monitoring-description = Recogida y visualización de datos de planta para controlar en tiempo real la producción, la calidad y la eficiencia de los equipos.
theme-predictive-maintenance = Modelización y mantenimiento predictivos
theme-predictive-maintenance-description = Uso de datos de sensores y de modelos para anticipar fallos y planificar el mantenimiento antes de que se produzcan averías.
theme-vr-simulation = Tecnologías de realidad virtual y simulación
theme-vr-simulation-description = Gemelos digitales, simulación y herramientas inmersivas para el diseño, la formación y la planificación de procesos.
theme-smart-logistics = Logística inteligente y gestión de redes
theme-smart-logistics-description = Seguimiento, planificación y coordinación conectados de mercancías y proveedores a lo largo de las cadenas de valor.
region-tuscany = Toscana
region-mazovia = Mazovia
region-lapland = Laponia
region-leeds = Leeds City Region
region-slovenia = Eslovenia
region-castilla-leon = Castilla y León
region-catalonia = Cataluña

## Fila de encabezado de la exportación CSV

csv-id = id
csv-kind = tipo
csv-origin = origen
csv-origin_name = nombre del origen
csv-title = título
csv-summary = resumen
csv-themes = temáticas
csv-intervention = intervención
csv-language = idioma
csv-nuts = NUTS
csv-start = inicio
csv-end = fin
csv-updated_at = actualizado
csv-url = dirección

## The node's catalogue as open-data portals read it (DCAT-AP)
dcat-catalog-title = Smarty Exchange: el catálogo del nodo { $node }
dcat-catalog-description = Buenas prácticas de política de Industria 4.0, instrumentos de política y planes de acción de las siete regiones de la asociación SMARTY (Interreg Europe), tal como los guarda este nodo.
dcat-dataset-title = { $region }: buenas prácticas, instrumentos de política y planes de acción
dcat-dataset-description = Los registros que { $region } ha publicado en el intercambio SMARTY: estudios de caso, instrumentos de política, planes de acción y su perfil regional.
