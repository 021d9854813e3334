// Spanish for the Dockerfile documentation that dockerfile-language-service
// shows in hovers and completion items. Keyed like the service's own message
// table (MarkdownDocumentation's `dockerMessages`, lib/dockerMarkdown.js):
// each of its documentation entries starts with one of these messages,
// followed by code examples and the "Online documentation" link, which
// dockerfile-i18n.ts keeps from the library. Instruction names, flags and
// code stay as Docker writes them. dockerfile-i18n.test.ts fails when the
// library documents something this table lacks.
export const DOCS_ES: Readonly<Record<string, string>> = {
  hoverAdd: 'Copia ficheros, carpetas o URL remotas desde `source` a la ruta `dest` del sistema de ficheros de la imagen.\n\n',
  hoverArg: 'Define una variable, con un valor por defecto opcional, que los usuarios pueden cambiar al construir con `docker build`.\n\nDesde Docker 1.9\n\n',
  hoverCmd: 'Da los valores por defecto para ejecutar un contenedor. Si no se indica un ejecutable, también hay que indicar `ENTRYPOINT`. Solo puede haber una instrucción `CMD` en un `Dockerfile`.\n\n',
  hoverCopy: 'Copia ficheros o carpetas desde `source` a la ruta `dest` del sistema de ficheros de la imagen.\n\n',
  hoverEntrypoint: 'Configura el contenedor para que se ejecute como un ejecutable.\n\n',
  hoverEnv: 'Da a la variable de entorno `key` el valor `value`.\n\n',
  hoverExpose: 'Declara los puertos de red (`port`) en los que este contenedor escuchará mientras se ejecuta.\n\n',
  hoverFrom: 'Fija la imagen base (`baseImage`) sobre la que trabajan las instrucciones siguientes. `FROM` debe ser la primera instrucción de un `Dockerfile`.\n\n',
  hoverHealthcheck: 'Define cómo debe comprobar Docker que el contenedor sigue funcionando. También puede desactivar la instrucción `HEALTHCHECK` de la imagen base. Solo puede haber una instrucción `HEALTHCHECK` en un `Dockerfile`.\n\nDesde Docker 1.12\n\n',
  hoverLabel: 'Añade metadatos a una imagen.\n\nDesde Docker 1.6\n\n',
  hoverMaintainer: 'Fija el campo _Author_ (autor) de las imágenes generadas. Esta instrucción está obsoleta: usa `LABEL` en su lugar.\n\n',
  hoverOnbuild: 'Añade a la imagen una instrucción _disparador_ que se ejecutará cuando la imagen se use como imagen base de otra construcción.\n\n',
  hoverRun: 'Ejecuta comandos sobre la imagen actual en una nueva capa y guarda el resultado.\n\n',
  hoverShell: 'Cambia la shell por defecto que se usa en la forma _shell_ de los comandos.\n\nDesde Docker 1.12\n\n',
  hoverStopsignal: 'Fija la señal del sistema que se envía al contenedor para que termine. Puede ser un número sin signo válido o un nombre de señal con el formato `SIGNAME`, como `SIGKILL`.\n\nDesde Docker 1.9\n\n',
  hoverUser: 'Fija el nombre de usuario o UID con el que se ejecuta la imagen, y también las instrucciones `CMD`, `ENTRYPOINT` o `RUN` que le siguen en el `Dockerfile`.\n\n',
  hoverVolume: 'Crea un punto de montaje con el nombre indicado y lo marca como destino de volúmenes montados desde fuera, desde el host o desde otros contenedores.\n\n',
  hoverWorkdir: 'Fija el directorio de trabajo de las instrucciones `ADD`, `COPY`, `CMD`, `ENTRYPOINT` o `RUN` que le siguen en el `Dockerfile`.\n\n',
  hoverEscape: 'Fija el carácter de escape de este Dockerfile, con el que se escapan caracteres y saltos de línea. Si no se indica, el carácter de escape por defecto es `\\`.\n\n',
  hoverSyntax: 'Indica dónde está el constructor (frontend) de Dockerfile que se usa para construir este Dockerfile.\n\n',
  hoverOnlineDocumentationFooter: '\n\n[Documentación en línea (en inglés)](${0})',
  hoverAddFlagChown: 'El usuario, el grupo o la combinación UID/GID que será propietaria del contenido añadido.',
  hoverCopyFlagChown: 'El usuario, el grupo o la combinación UID/GID que será propietaria del contenido copiado.',
  hoverCopyFlagFrom: 'La etapa de construcción anterior que se usa como origen, en lugar del contexto de construcción.\n\nDesde Docker 17.05.0-ce.',
  hoverFromFlagPlatform: 'La plataforma de la imagen, cuando se hace referencia a una imagen multiplataforma.\n\nDesde Docker CE 18.04.',
  hoverHealthcheckFlagInterval: 'Los segundos que se esperan para ejecutar la comprobación de salud después de arrancar el contenedor, y después los que se esperan para volver a ejecutarla tras terminar la anterior.',
  hoverHealthcheckFlagRetries: 'El número de fallos seguidos de esta comprobación de salud tras los que el contenedor se considera `unhealthy` (no saludable).',
  hoverHealthcheckFlagStartInterval: 'Los segundos que se esperan entre comprobaciones de salud durante el periodo de arranque.',
  hoverHealthcheckFlagStartPeriod: 'Los segundos que se da al contenedor para arrancar. Los fallos durante este periodo de gracia no cuentan para el número máximo de reintentos. Pero si una comprobación de salud tiene éxito durante este periodo, los fallos siguientes sí cuentan para el número máximo de reintentos.\n\nDesde Docker 17.05.0-ce.',
  hoverHealthcheckFlagTimeout: 'Los segundos que se espera a que la comprobación termine antes de darla por fallida.',
  proposalArgNameOnly: 'Define una variable que los usuarios pueden fijar al construir con `docker build`.\n\n',
  proposalArgDefaultValue: 'Define una variable con el valor por defecto indicado, que los usuarios pueden cambiar al construir con `docker build`.\n\n',
  proposalHealthcheckExec: 'Define cómo debe comprobar Docker que el contenedor sigue funcionando. Solo puede haber una instrucción `HEALTHCHECK` en un `Dockerfile`.\n\nDesde Docker 1.12\n\n',
  proposalHealthcheckNone: 'Desactiva la instrucción `HEALTHCHECK` heredada de la imagen base, si la hay. Solo puede haber una instrucción `HEALTHCHECK` en un `Dockerfile`.\n\nDesde Docker 1.12',
};
