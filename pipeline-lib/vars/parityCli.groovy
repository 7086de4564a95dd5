/**
 * The one helper every parity step uses to run the CLI.
 *
 * Every argument is single-quoted for the shell, so a value is never interpreted (no expansion, no command
 * substitution, newlines kept). Secrets never pass through arguments or Groovy strings: they come from Jenkins
 * credentials through withCredentials, as environment variables the variable set references. When parity fails it
 * writes its message to a small error file, which becomes the step's error().
 */

/**
 * The parity release these steps belong to: the CLI refuses to run under steps of another one (PARITY_LIBRARY_VERSION),
 * since arguments and answers change between releases. A test keeps it equal to the project's version.
 */
static String libraryVersion() {
  return '0.1.0-SNAPSHOT'
}

/** Runs parity; returns its exit code when it is one of okCodes, else fails the build with parity's message. */
int run(List arguments, List credentials = [], List okCodes = [0]) {
  String errorFile = '.parity/jenkins-error.txt'
  String script = commandLine(arguments)
  int status = 0
  writeFile(file: errorFile, text: '')
  withEnv(['PARITY_ERROR_FILE=' + errorFile, 'PARITY_LIBRARY_VERSION=' + libraryVersion()]) {
    withCredentials(bindings(credentials)) {
      status = sh(script: script, returnStatus: true)
    }
  }
  if (!okCodes.contains(status)) {
    error('parity ' + arguments[0] + ' failed (exit ' + status + '): ' + lastError())
  }
  return status
}

/** What the last run wrote to its error file (parity's own message), or where to look instead. */
String lastError() {
  String errorFile = '.parity/jenkins-error.txt'
  String message = fileExists(errorFile) ? readFile(errorFile).trim() : ''
  return message ? message : 'see the log above'
}

/**
 * The one table of exit code to build result (README, "Build results"): 0 leaves the build as it is; 2 is a finding
 * (not in parity, a failed live assertion, drift left) and marks it UNSTABLE; every other code has already failed it
 * in run(). Steps whose exit 2 is no finding (plan: changes pending) or a failure (deploy, rollout) do not call it.
 */
void finding(String step, int code, String what) {
  if (code == 2) {
    unstable(step + ': ' + what)
  }
}

/** Runs parity inside the credentials and returns what it printed (small JSON answers). */
String output(List arguments, List credentials = []) {
  String script = commandLine(arguments)
  String out = ''
  withEnv(['PARITY_LIBRARY_VERSION=' + libraryVersion()]) {
    withCredentials(bindings(credentials)) {
      out = sh(script: script, returnStdout: true)
    }
  }
  return out
}

/** True when the variable set marks the environment protected, read from parity's JSON answer. */
boolean isProtected(Map args) {
  String answer = output(['validate', '--env', args.env, '--format', 'json'] + common(args), args.credentials ?: [])
  def parsed = new groovy.json.JsonSlurperClassic().parseText(answer)
  def flag = parsed?.environments?.get(args.env as String)?.get('protected')
  if (!(flag instanceof Boolean)) {
    error('parity validate gave no protected flag for ' + args.env + '; refusing to guess')
  }
  return flag
}

/** A boolean argument: true, false, or exactly the strings 'true' and 'false'; anything else fails the build. */
boolean flag(String step, Map args, String name) {
  def value = args[name]
  if (value == null || value == false || value == 'false') {
    return false
  }
  if (value == true || value == 'true') {
    return true
  }
  error(step + ': ' + name + ' must be true or false, got ' + value.getClass().simpleName + ' ' + shellQuote(value as String))
}

/**
 * Runs the body holding the Jenkins lock of each environment (Lockable Resources), parity-<project>-<env>, taken in a
 * fixed order. parityLock calls it, outside node.
 */
def withEnvironmentLocks(String project, List environments, Closure body) {
  List names = []
  for (def e : environments) {
    if (!((e as String) ==~ /[a-z][a-z0-9_-]{0,62}/)) {
      error('parityLock: envs must be environment names, got: ' + environments)
    }
    String name = 'parity-' + project + '-' + e
    if (!names.contains(name)) {
      names.add(name)
    }
  }
  names.sort()
  List extra = []
  for (int i = 1; i < names.size(); i++) {
    extra.add([resource: names[i]])
  }
  return lock(resource: names[0], extra: extra) {
    body()
  }
}

/**
 * The approval a step forwards: approval (what parityApprove returned: [sha256, approvedBy]) or approvedPlan (a
 * sha256, as before), as --approved SHA256 [--approved-by NAME]. Nothing given: nothing forwarded, and parity's gate
 * refuses to change a protected environment.
 */
List approval(String step, Map args) {
  String sha = null
  String by = null
  if (args.approval != null) {
    if (!(args.approval instanceof Map) || !args.approval.sha256) {
      error(step + ': approval must be what parityApprove returned (it has no sha256)')
    }
    sha = args.approval.sha256 as String
    by = args.approval.approvedBy ? args.approval.approvedBy as String : null
  } else if (args.approvedPlan) {
    sha = args.approvedPlan as String
  }
  if (sha == null) {
    return []
  }
  if (!(sha ==~ /[0-9a-f]{64}/)) {
    error(step + ': the approved sha256 must be the one parityApprove returned')
  }
  return ['--approved', sha] + (by ? ['--approved-by', by] : [])
}

/**
 * What a step given label: does: the step runs again without it, on an agent of that label (node), in a checkout of
 * the build's revision with the CLI prepared (parityPrepare: no credential bound, no lock taken by it). Without a
 * label a step runs where it is called, inside the caller's node. parityLock's label takes the agent inside the lock.
 */
def onAgent(String step, Map args, Closure body) {
  def label = args.label
  if (!(label instanceof String) || label.trim().isEmpty() || label.contains('\n') || label.size() > 256) {
    error(step + ': label must be an agent label expression (text, one line), got: ' + label)
  }
  Map rest = [:]
  for (def key : args.keySet()) {
    if (key != 'label') {
      rest[key] = args[key]
    }
  }
  return node(label) {
    checkout(scm)
    parityPrepare()
    body(rest)
  }
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
  List unknown = []
  for (def key : args.keySet()) {
    if (!known.contains(key)) {
      unknown.add(key)
    }
  }
  if (!unknown.isEmpty()) {
    error(step + ': unknown argument(s) ' + unknown + '; known: ' + known)
  }
  List missing = []
  for (def key : required) {
    if (args[key] == null || (args[key] as String).isEmpty()) {
      missing.add(key)
    }
  }
  if (!missing.isEmpty()) {
    error(step + ': missing argument(s) ' + missing)
  }
  if (args.env != null && !((args.env as String) ==~ /[a-z][a-z0-9_-]{0,62}/)) {
    error(step + ': env must be an environment name (lower-case letters, digits, - and _), got: ' + args.env)
  }
  if (args.credentials != null && !(args.credentials instanceof List)) {
    error(step + ': credentials must be a list of [id: ..., variable: ...]')
  }
  for (def c : (args.credentials ?: [])) {
    binding(step, c)
  }
}

/** Environment names from a list or a comma-separated text, each trimmed. */
List names(def value) {
  List list = []
  for (def e : (value instanceof List ? value : (value as String).split(','))) {
    list.add((e as String).trim())
  }
  return list
}

/** The launcher and the arguments, each quoted as one literal shell word. */
private String commandLine(List arguments) {
  List words = [shellQuote(launcher())]
  for (def a : arguments) {
    words.add(shellQuote(a as String))
  }
  return words.join(' ')
}

/** 'value' with each ' written as '\'' : the POSIX way to pass any string as one literal word. */
static String shellQuote(String value) {
  return "'" + value.replace("'", "'\\''") + "'"
}

private String launcher() {
  return env?.PARITY_LAUNCHER ?: './parity'
}

private List bindings(List credentials) {
  List list = []
  for (def c : (credentials ?: [])) {
    list.add(binding('parity', c))
  }
  return list
}

/**
 * One credential binding: [id, variable] (a secret text), [type: 'file', id, variable] (the variable holds the
 * file's path), [type: 'sshUserPrivateKey', id, variable] (the key file's path), or [type: 'usernamePassword', id,
 * usernameVariable, passwordVariable].
 */
private def binding(String step, Map c) {
  String type = c.type ?: 'string'
  if (!c.id) {
    error(step + ': a credential needs an id')
  }
  switch (type) {
    case 'string':
      return string(credentialsId: c.id, variable: required(step, c, 'variable'))
    case 'file':
      return file(credentialsId: c.id, variable: required(step, c, 'variable'))
    case 'sshUserPrivateKey':
      return sshUserPrivateKey(credentialsId: c.id, keyFileVariable: required(step, c, 'variable'))
    case 'usernamePassword':
      return usernamePassword(credentialsId: c.id, usernameVariable: required(step, c, 'usernameVariable'),
          passwordVariable: required(step, c, 'passwordVariable'))
    default:
      error(step + ': credential type must be string, file, sshUserPrivateKey or usernamePassword, got ' + type)
  }
}

private String required(String step, Map c, String key) {
  if (!(c[key] ==~ /[A-Z_][A-Z0-9_]*/)) {
    error(step + ': credential ' + c.id + ' needs ' + key + ', an environment variable name')
  }
  return c[key]
}
