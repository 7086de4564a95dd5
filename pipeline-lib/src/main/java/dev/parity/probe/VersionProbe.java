package dev.parity.probe;

import java.time.Duration;

/**
 * Asks one live service which version it runs. One method, like a wait strategy: the timeout bounds
 * connecting and reading together; a probe never throws, it reports what it saw. Build them with
 * {@link Probes}.
 */
@FunctionalInterface
public interface VersionProbe {
  Observation observe(Duration timeout);
}
