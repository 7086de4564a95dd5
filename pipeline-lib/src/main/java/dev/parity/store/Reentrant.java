package dev.parity.store;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Counts a process's own nested acquisitions of one environment lock, so that a deploy that holds
 * it can run plan, apply and configure, which each take it too; the real lock is released when the
 * outermost lease closes.
 */
final class Reentrant {
  private final Map<String, Entry> held = new HashMap<>();

  private static final class Entry {
    final Store.Lease lease;
    int count;

    Entry(Store.Lease lease) {
      this.lease = lease;
    }
  }

  synchronized Store.Lease acquire(String environment, Supplier<Store.Lease> take) {
    Entry e = held.get(environment);
    if (e == null) {
      e = new Entry(take.get());
      held.put(environment, e);
    }
    e.count++;
    Entry entry = e;
    return new Store.Lease() {
      private boolean closed;

      @Override
      public void close() {
        synchronized (Reentrant.this) {
          if (closed) {
            return;
          }
          closed = true;
          if (--entry.count == 0) {
            held.remove(environment);
            entry.lease.close();
          }
        }
      }
    };
  }
}
