/** parityApply(env: 'prod'[, allowDestroy: true]): applies the saved plan; protected environments ask first. */
def call(Map args = [:]) {
  parityCli.requireArgs('parityApply', args, ['env'], ['allowDestroy'])
  if (parityCli.isProtected(args)) {
    input(message: 'Apply the saved plan to the protected environment ' + args.env + '?', ok: 'Apply')
  }
  List cli = ['apply', '--env', args.env] + parityCli.common(args) + (args.allowDestroy ? ['--allow-destroy'] : [])
  return [exitCode: parityCli.run(cli, args.credentials ?: [])]
}
