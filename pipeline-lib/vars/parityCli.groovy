/**
 * The one helper every parity step uses to run the CLI.
 *
 * Every argument is single-quoted for the shell, so a value is never interpreted (no expansion, no command
 * substitution, newlines kept). Secrets never pass through arguments or Groovy strings: they come from Jenkins
 * credentials through withCredentials, as environment variables the variable set references. When parity fails it
 * writes its message to a small error file, which becomes the step's error().
 */

/** Runs parity; returns its exit code when it is one of okCodes, else fails the build with parity's message. */
int run(List arguments, List credentials = [], List okCodes = [0]) {
  String errorFile = '.parity/jenkins-error.txt'
  String script = ([launcher()] + arguments).collect { shellQuote(it as String) }.join(' ')
  int status = 0
  writeFile(file: errorFile, text: '')
  withEnv(['PARITY_ERROR_FILE=' + errorFile]) {
    withCredentials(bindings(credentials)) {
      status = sh(script: script, returnStatus: true)
    }
  }
  if (!okCodes.contains(status)) {
    String message = fileExists(errorFile) ? readFile(errorFile).trim() : 'see the log above'
    error('parity ' + arguments[0] + ' failed (exit ' + status + '): ' + message)
  }
  return status
}

/** Runs parity and returns what it printed (for small answers such as whether an environment is protected). */
String output(List arguments) {
  String script = ([launcher()] + arguments).collect { shellQuote(it as String) }.join(' ')
  return sh(script: script, returnStdout: true)
}

/** True when the variable set marks the environment protected (applies there ask for approval). */
boolean isProtected(Map args) {
  return output(['validate', '--env', args.env] + common(args)).contains('protected: true')
}

/** The options every step passes on: --vars and --work-dir when given. */
List common(Map args) {
  List list = []
  if (args.vars) {
    list += ['--vars', args.vars as String]
  }
  if (args.workDir) {
    list += ['--work-dir', args.workDir as String]
  }
  return list
}

/** Fails the build unless the step got exactly known keys, its required ones, and safe environment names. */
void requireArgs(String step, Map args, List required, List optional) {
  List known = required + optional + ['vars', 'workDir', 'credentials']
  List unknown = args.keySet().findAll { !known.contains(it) } as List
  if (!unknown.isEmpty()) {
    error(step + ': unknown argument(s) ' + unknown + '; known: ' + known)
  }
  List missing = required.findAll { args[it] == null || (args[it] as String).isEmpty() }
  if (!missing.isEmpty()) {
    error(step + ': missing argument(s) ' + missing)
  }
  if (args.env != null && !((args.env as String) ==~ /[a-z][a-z0-9_-]{0,62}/)) {
    error(step + ': env must be an environment name (lower-case letters, digits, - and _), got: ' + args.env)
  }
  if (args.credentials != null && !(args.credentials instanceof List)) {
    error(step + ': credentials must be a list of [id: ..., variable: ...]')
  }
}

/** 'value' with each ' written as '\'' : the POSIX way to pass any string as one literal word. */
static String shellQuote(String value) {
  return "'" + value.replace("'", "'\\''") + "'"
}

private String launcher() {
  return env?.PARITY_LAUNCHER ?: './parity'
}

private List bindings(List credentials) {
  return (credentials ?: []).collect { c -> string(credentialsId: c.id, variable: c.variable) }
}
