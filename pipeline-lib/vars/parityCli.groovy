/**
 * The one way the steps run the parity CLI: every argument single-quoted for the shell, so a value is never
 * interpreted (no expansion, no command substitution, newlines kept). Secrets never pass through here; they reach
 * the CLI as environment variables set by withCredentials. Returns the CLI's exit code.
 */
def call(List arguments) {
  String launcher = env?.PARITY_LAUNCHER ?: './parity'
  String script = ([launcher] + arguments).collect { shellQuote(it as String) }.join(' ')
  return sh(script: script, returnStatus: true)
}

/** 'value' with each ' written as '\'' : the POSIX way to pass any string as one literal word. */
static String shellQuote(String value) {
  return "'" + value.replace("'", "'\\''") + "'"
}
