package dev.parity.jenkins;

import com.lesfurets.jenkins.unit.BasePipelineTest;
import com.lesfurets.jenkins.unit.global.lib.LibraryConfiguration;
import com.lesfurets.jenkins.unit.global.lib.LocalSource;
import groovy.lang.Closure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * JenkinsPipelineUnit with parity's library loaded the way Jenkins loads it (library name "parity",
 * its vars/), and the Jenkins steps the library calls recorded: sh, withCredentials, withEnv,
 * input, junit, archiveArtifacts, error.
 */
public abstract class PipelineTestSupport extends BasePipelineTest {
  protected static final Path LIBRARY = Path.of("").toAbsolutePath(); // the pipeline-lib module
  protected final List<Map<?, ?>> shCalls = new ArrayList<>();
  protected final List<Map<?, ?>> inputs = new ArrayList<>();
  protected final List<Map<?, ?>> junits = new ArrayList<>();
  protected final List<Map<?, ?>> archives = new ArrayList<>();

  /** Every call of lock, milestone and timeout, in order, as "lock [parity-dev]" and the like. */
  protected final List<String> controls = new ArrayList<>();

  protected final Map<String, String> credentialValues = new HashMap<>();

  /**
   * The pipeline's environment at each sh call, in order: what withEnv and withCredentials bound.
   */
  protected final List<Map<String, String>> shEnvironments = new ArrayList<>();

  protected final Map<String, String> files = new HashMap<>();

  /** What the job's properties([...]) declared, each as text. */
  protected final List<String> jobProperties = new ArrayList<>();

  /** The messages unstable() was given, in order. */
  protected final List<String> unstables = new ArrayList<>();

  /**
   * What happened in the workspaces, in order: each sh script ("sh SCRIPT"), stash and unstash
   * ("stash NAME"), and node ("node LABEL", "node" for any agent); each marked " [locked]" when it
   * ran while a lock was held.
   */
  protected final List<String> timeline = new ArrayList<>();

  private int locksHeld;

  private final List<String> stashed = new ArrayList<>();

  private void happened(String what) {
    timeline.add(what + (locksHeld > 0 ? " [locked]" : ""));
  }

  /** When true, input() is aborted as when a person clicks Abort. */
  protected boolean abortInput;

  /** When true, every timeout() expires: the first sh or input inside it is interrupted. */
  protected boolean expireTimeouts;

  private int timeoutsRunning;

  /** What sh returns for a script run with returnStdout: its exit code and its output. */
  public record Sh(int code, String out) {}

  /** An interrupted build (aborted input, expired timeout): Jenkins ends it ABORTED. */
  public static final class Interrupted extends RuntimeException {
    public Interrupted(String message) {
      super(message);
    }
  }

  /** Fails like Jenkins when a step is given a parameter it does not have. */
  protected static void requireKeys(String step, Map<?, ?> args, String... known) {
    List<String> allowed = List.of(known);
    for (Object key : args.keySet()) {
      if (!allowed.contains(String.valueOf(key))) {
        throw new IllegalArgumentException(
            "WorkflowScript: " + step + " has no parameter named " + key + "; it takes " + allowed);
      }
    }
  }

  /** The build, as currentBuild shows it to the pipeline. */
  @SuppressWarnings("unchecked")
  protected Map<String, Object> currentBuild() {
    return (Map<String, Object>) getBinding().getVariable("currentBuild");
  }

  /**
   * Runs the pipeline and gives the result Jenkins would show: FAILURE when a step failed it,
   * ABORTED when it was interrupted, else what currentBuild.result says (SUCCESS when unset).
   */
  protected String resultOf(String body) throws IOException {
    try {
      pipeline(body);
    } catch (StepError e) {
      return "FAILURE";
    } catch (Interrupted e) {
      return "ABORTED";
    }
    Object result = currentBuild().get("result");
    return result == null ? "SUCCESS" : String.valueOf(result);
  }

  /** What sh returns for a script: an exit code (returnStatus) or text (returnStdout). */
  protected Function<String, Object> shell =
      script -> script.contains("'validate'") ? protectedAnswer(script, List.of()) : 0;

  /** parity validate --format json's answer: the named environments protected, all others not. */
  protected static String protectedAnswer(String script, List<String> protectedOnes) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("'--env' '([a-z0-9_-]+)'").matcher(script);
    String env = m.find() ? m.group(1) : "dev";
    return "{\"vars\":\"vars\",\"environments\":{\""
        + env
        + "\":{\"protected\":"
        + protectedOnes.contains(env)
        + "}}}\n";
  }

  protected Path scripts;

  /** Who approves when a step asks (what input returns for its submitterParameter). */
  protected String approver = "release-manager";

  /** The build description the steps wrote. */
  @SuppressWarnings("unchecked")
  protected Object buildDescription() {
    return ((Map<String, Object>) getBinding().getVariable("currentBuild")).get("description");
  }

  @Override
  public void setUp() throws Exception {
    scripts = Files.createTempDirectory("jenkinsfiles-");
    Path libs = Files.createTempDirectory("libs-");
    Files.createSymbolicLink(libs.resolve("parity@main"), LIBRARY);
    Files.createSymbolicLink(libs.resolve("parity"), LIBRARY);
    setScriptRoots(new String[] {scripts.toString(), "."});
    setScriptExtension("");
    super.setUp();
    getBinding().setVariable("env", new HashMap<String, String>());
    getBinding().setVariable("params", new HashMap<String, Object>());
    LibraryConfiguration library =
        LibraryConfiguration.library()
            .name("parity")
            .defaultVersion("main")
            .allowOverride(true)
            .implicit(false)
            .targetPath(libs.toString())
            .retriever(LocalSource.localSource(libs.toString() + "/"))
            .build();
    getHelper().registerSharedLibrary(library);
    // As Jenkins' sh: a non-zero exit fails the step ("script returned exit code N") unless
    // returnStatus; with returnStdout the output is returned, and a non-zero exit still fails.
    register(
        "sh",
        Map.class,
        args -> {
          requireKeys("sh", args, "script", "returnStatus", "returnStdout", "label", "encoding");
          shCalls.add(args);
          shEnvironments.add(Map.copyOf(pipelineEnv()));
          happened("sh " + args.get("script"));
          if (timeoutsRunning > 0 && expireTimeouts) {
            throw new Interrupted("Timeout has been exceeded");
          }
          Object answer = shell.apply(String.valueOf(args.get("script")));
          int code = answer instanceof Integer i ? i : answer instanceof Sh sh ? sh.code() : 0;
          String out = answer instanceof String t ? t : answer instanceof Sh sh ? sh.out() : "";
          if (Boolean.TRUE.equals(args.get("returnStatus"))) {
            return code;
          }
          if (code != 0) {
            throw new StepError("script returned exit code " + code);
          }
          return Boolean.TRUE.equals(args.get("returnStdout")) ? out : null;
        });
    register(
        "error",
        String.class,
        message -> {
          throw new StepError(message);
        });
    // As Jenkins' unstable: the message is logged and the build's result set to UNSTABLE.
    register(
        "unstable",
        String.class,
        message -> {
          unstables.add(message);
          currentBuild()
              .merge("result", "UNSTABLE", (was, now) -> "FAILURE".equals(was) ? was : now);
          return null;
        });
    // As Jenkins' input step does with submitterParameter and no parameters: the submitter's id;
    // with abortInput, as when a person clicks Abort (the build ends ABORTED).
    register(
        "input",
        Map.class,
        args -> {
          requireKeys("input", args, "message", "ok", "submitter", "submitterParameter", "id");
          inputs.add(args);
          if (timeoutsRunning > 0 && expireTimeouts) {
            throw new Interrupted("Timeout has been exceeded");
          }
          if (abortInput) {
            throw new Interrupted("Aborted by " + approver);
          }
          return args.containsKey("submitterParameter") ? approver : null;
        });
    getBinding().setVariable("currentBuild", new HashMap<String, Object>());
    register(
        "junit",
        Map.class,
        args -> {
          requireKeys("junit", args, "testResults", "allowEmptyResults", "skipPublishingChecks");
          return junits.add(args);
        });
    register(
        "archiveArtifacts",
        Map.class,
        args -> {
          requireKeys(
              "archiveArtifacts",
              args,
              "artifacts",
              "allowEmptyArchive",
              "fingerprint",
              "excludes");
          return archives.add(args);
        });
    register(
        "writeFile",
        Map.class,
        args -> {
          requireKeys("writeFile", args, "file", "text", "encoding");
          return files.put(String.valueOf(args.get("file")), String.valueOf(args.get("text")));
        });
    register("fileExists", String.class, files::containsKey);
    register("readFile", String.class, files::get);
    register("string", Map.class, args -> withType("string", args));
    register("file", Map.class, args -> withType("file", args));
    register("sshUserPrivateKey", Map.class, args -> withType("sshUserPrivateKey", args));
    register("usernamePassword", Map.class, args -> withType("usernamePassword", args));
    register(
        "milestone",
        Map.class,
        args -> {
          requireKeys("milestone", args, "label", "ordinal");
          controls.add("milestone " + args.get("label"));
          return null;
        });
    getHelper()
        .registerAllowedMethod(
            "lock",
            List.of(Map.class, Closure.class),
            new Closure<Object>(this) {
              public Object doCall(Map<?, ?> args, Closure<?> body) {
                requireKeys("lock", args, "resource", "extra", "inversePrecedence", "quantity");
                List<String> names = new ArrayList<>();
                names.add(String.valueOf(args.get("resource")));
                if (args.get("extra") instanceof List<?> extra) {
                  extra.forEach(e -> names.add(String.valueOf(((Map<?, ?>) e).get("resource"))));
                }
                controls.add("lock " + names);
                locksHeld++;
                try {
                  return body.call();
                } finally {
                  locksHeld--;
                  controls.add("unlock " + names);
                }
              }
            });
    // As Jenkins: a stash is kept for the build; unstashing one never stashed fails the step.
    register(
        "stash",
        Map.class,
        args -> {
          requireKeys(
              "stash", args, "name", "includes", "excludes", "useDefaultExcludes", "allowEmpty");
          stashed.add(String.valueOf(args.get("name")));
          happened("stash " + args.get("name"));
          return null;
        });
    register(
        "unstash",
        String.class,
        name -> {
          if (!stashed.contains(name)) {
            throw new StepError("No such saved stash ‘" + name + "’");
          }
          happened("unstash " + name);
          return null;
        });
    getHelper()
        .registerAllowedMethod(
            "node",
            List.of(String.class, Closure.class),
            new Closure<Object>(this) {
              public Object doCall(String label, Closure<?> body) {
                happened("node " + label);
                return body.call();
              }
            });
    getHelper()
        .registerAllowedMethod(
            "node",
            List.of(Closure.class),
            new Closure<Object>(this) {
              public Object doCall(Closure<?> body) {
                happened("node");
                return body.call();
              }
            });
    for (Class<?> type : List.of(Object.class, Map.class)) {
      register(
          "checkout",
          type,
          arg -> {
            happened("checkout");
            return arg;
          });
    }
    getBinding().setVariable("scm", Map.of());
    getHelper()
        .registerAllowedMethod(
            "timeout",
            List.of(Map.class, Closure.class),
            new Closure<Object>(this) {
              public Object doCall(Map<?, ?> args, Closure<?> body) {
                requireKeys("timeout", args, "time", "unit", "activity");
                controls.add("timeout " + args.get("time") + " " + args.get("unit"));
                timeoutsRunning++;
                try {
                  return body.call();
                } finally {
                  timeoutsRunning--;
                }
              }
            });
    getHelper()
        .registerAllowedMethod(
            "withEnv",
            List.of(List.class, Closure.class),
            new Closure<Object>(this) {
              public Object doCall(List<?> vars, Closure<?> body) {
                Map<String, String> bound = new LinkedHashMap<>();
                for (Object entry : vars) {
                  String text = String.valueOf(entry);
                  int eq = text.indexOf('=');
                  if (eq < 1) {
                    throw new IllegalArgumentException("withEnv takes NAME=value, got " + text);
                  }
                  bound.put(text.substring(0, eq), text.substring(eq + 1));
                }
                return withBound(bound, body);
              }
            });
    // As the Credentials Binding plugin does: each string(credentialsId, variable) binding puts the
    // credential's value into the environment for the body only; an unknown id fails the step.
    getHelper()
        .registerAllowedMethod(
            "withCredentials",
            List.of(List.class, Closure.class),
            new Closure<Object>(this) {
              public Object doCall(List<?> bindings, Closure<?> body) {
                Map<String, String> bound = new LinkedHashMap<>();
                for (Object b : bindings) {
                  Map<?, ?> binding = (Map<?, ?>) b;
                  String id = String.valueOf(binding.get("credentialsId"));
                  String value = credentialValues.get(id);
                  if (value == null) {
                    throw new StepError("Could not find credentials entry with ID '" + id + "'");
                  }
                  switch (String.valueOf(binding.get("$type"))) {
                    case "file" ->
                        bound.put(String.valueOf(binding.get("variable")), file(id, value));
                    case "sshUserPrivateKey" ->
                        bound.put(String.valueOf(binding.get("keyFileVariable")), file(id, value));
                    case "usernamePassword" -> {
                      int colon = value.indexOf(':');
                      bound.put(
                          String.valueOf(binding.get("usernameVariable")),
                          value.substring(0, colon));
                      bound.put(
                          String.valueOf(binding.get("passwordVariable")),
                          value.substring(colon + 1));
                    }
                    default -> bound.put(String.valueOf(binding.get("variable")), value);
                  }
                }
                return withBound(bound, body);
              }
            });
  }

  /** A binding as the Credentials Binding plugin's symbol returns it, with its kind. */
  private static Map<Object, Object> withType(String type, Map<?, ?> args) {
    if (type.equals("string") && args.containsKey("name")) {
      // string(name:, ...) in parameters([...]) is a build parameter, not a credential binding
      requireKeys("string parameter", args, "name", "defaultValue", "description", "trim");
      return new LinkedHashMap<>(args);
    }
    switch (type) {
      case "usernamePassword" ->
          requireKeys(type, args, "credentialsId", "usernameVariable", "passwordVariable");
      case "sshUserPrivateKey" ->
          requireKeys(type, args, "credentialsId", "keyFileVariable", "usernameVariable");
      default -> requireKeys(type, args, "credentialsId", "variable");
    }
    Map<Object, Object> binding = new LinkedHashMap<>(args);
    binding.put("$type", type);
    return binding;
  }

  /**
   * A file credential's temporary file, as the plugin writes it for the body (username:password
   * credentials are given as that text).
   */
  private static String file(String id, String value) {
    try {
      Path f = Files.createTempFile("credential-" + id + "-", "");
      Files.writeString(f, value);
      f.toFile().deleteOnExit();
      return f.toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The job-level steps the example Jenkinsfiles call (properties, triggers, checkout, ...), each
   * returning its argument; and the credentials the examples bind.
   */
  protected void allowExampleJobSteps() {
    for (String step : List.of("parameters", "booleanParam")) {
      register(step, Object.class, arg -> arg);
    }
    // The job properties as text, "buildDiscarder(logRotator({numToKeepStr=30}))", so a test can
    // assert what the job declares.
    for (String step : List.of("pipelineTriggers", "cron", "buildDiscarder", "logRotator")) {
      // every signature JenkinsPipelineUnit registers a default (null) for, so ours is the one used
      for (Class<?> type : List.of(Object.class, Map.class, String.class, List.class)) {
        register(step, type, arg -> step + "(" + arg + ")");
      }
    }
    register(
        "properties",
        List.class,
        list -> {
          for (Object p : list) {
            jobProperties.add(String.valueOf(p));
          }
          return null;
        });
    getHelper()
        .registerAllowedMethod(
            "disableConcurrentBuilds",
            List.of(),
            new Closure<Object>(this) {
              public Object doCall() {
                return "disableConcurrentBuilds";
              }
            });
    credentialValues.put("shop-db-password", "from-the-credentials-store");
    credentialValues.put("parity-store-url", "postgres://parity:store-secret@db/parity");
  }

  /** The pipeline's {@code env}, as a step sees it. */
  @SuppressWarnings("unchecked")
  protected Map<String, String> pipelineEnv() {
    return (Map<String, String>) getBinding().getVariable("env");
  }

  /** Runs the body with the variables set in {@code env}, then puts back what was there before. */
  private Object withBound(Map<String, String> bound, Closure<?> body) {
    Map<String, String> env = pipelineEnv();
    Map<String, String> before = new HashMap<>();
    bound.keySet().forEach(k -> before.put(k, env.get(k)));
    env.putAll(bound);
    try {
      return body.call();
    } finally {
      before.forEach(
          (k, v) -> {
            if (v == null) {
              env.remove(k);
            } else {
              env.put(k, v);
            }
          });
    }
  }

  /** A step that fails the build, as error() does in Jenkins. */
  public static final class StepError extends RuntimeException {
    public StepError(String message) {
      super(message);
    }
  }

  protected <T> void register(String name, Class<T> type, Function<T, Object> body) {
    getHelper()
        .registerAllowedMethod(
            name,
            List.of(type),
            new Closure<Object>(this) {
              @SuppressWarnings("unchecked")
              public Object doCall(Object arg) {
                return body.apply((T) arg);
              }
            });
  }

  /**
   * Binds sh to the real /bin/sh in {@code dir} with {@code env}, and the file steps to real files
   * there: the pipeline then runs the real CLI.
   */
  protected void realShell(Path dir, Map<String, String> env) {
    shell =
        script -> {
          try {
            ProcessBuilder pb =
                new ProcessBuilder("/bin/sh", "-c", script)
                    .directory(dir.toFile())
                    .redirectErrorStream(true);
            pb.environment().putAll(env);
            // what withEnv and withCredentials bound, as Jenkins hands them to sh
            pb.environment().putAll(pipelineEnv());
            Process p = pb.start();
            String out =
                new String(
                    p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int code = p.waitFor();
            System.out.print(out);
            return new Sh(code, out);
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
        };
    register("fileExists", String.class, f -> Files.exists(dir.resolve(f)));
    register(
        "readFile",
        String.class,
        f -> {
          try {
            return Files.readString(dir.resolve(f));
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
    register(
        "writeFile",
        Map.class,
        args -> {
          try {
            Path target = dir.resolve(String.valueOf(args.get("file")));
            Files.createDirectories(target.getParent());
            return Files.writeString(target, String.valueOf(args.get("text")));
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** Runs a pipeline script that loads the library and runs {@code body}. */
  protected Object pipeline(String body) throws IOException {
    Path file = scripts.resolve("Jenkinsfile-" + shCalls.size() + "-" + System.nanoTime());
    Files.writeString(file, "@Library('parity') _\n" + body + "\n");
    return runScript(loadScript(file.toString()));
  }

  /** The scripts handed to sh, in order. */
  protected List<String> scriptsRun() {
    return shCalls.stream().map(c -> String.valueOf(c.get("script"))).toList();
  }
}
