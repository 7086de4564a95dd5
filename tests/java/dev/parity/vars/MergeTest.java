package dev.parity.vars;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeTest {
  @TempDir Path dir;

  @Test
  void environmentFilesMergeMapsAndReplaceScalarsAndLists() throws Exception {
    Files.writeString(
        dir.resolve("common.yml"),
        """
        schema: parity/v1
        project: shop
        services:
          postgresql: { version: "16.2", role: db, port: 15432, settings: { max_connections: 100, work_mem: 4MB } }
          memcached: { version: "1.6.18", role: cache, port: 21211 }
        topology: { db: 1, cache: 1 }
        """);
    Files.writeString(
        dir.resolve("prod.yml"),
        """
        environment: prod
        services:
          postgresql: { version: "16.4", settings: { work_mem: 16MB } }
          web: { version: "2.1", role: cache, port: 8080, probe: { type: http, url: "http://{host}:{port}/v" } }
        topology: { db: 2 }
        """);
    VarSet set = new VarSetLoader().load(dir);
    assertThat(set.problems()).isEmpty();
    EnvironmentSpec prod = set.environment("prod");
    ServiceSpec pg = prod.services().get("postgresql");
    assertThat(pg.version()).isEqualTo("16.4");
    assertThat(pg.role()).isEqualTo("db");
    assertThat(pg.settings())
        .containsEntry("max_connections", "100")
        .containsEntry("work_mem", "16MB");
    assertThat(pg.position().file().getFileName().toString())
        .as("where the effective version was written")
        .isEqualTo("prod.yml");
    assertThat(prod.services()).containsKeys("memcached", "web");
    assertThat(prod.topology()).containsEntry("db", 2).containsEntry("cache", 1);
    assertThat(prod.services().get("web").probe().type()).isEqualTo("http");
  }

  @Test
  void anEnvironmentsSecretReferenceReplacesTheSharedOneWhole() throws Exception {
    Files.writeString(
        dir.resolve("common.yml"),
        """
        schema: parity/v1
        project: shop
        services: { postgresql: { version: "16.2", role: db, port: 15432 } }
        topology: { db: 1 }
        secrets: { db_password: { generate: true } }
        """);
    Files.writeString(
        dir.resolve("prod.yml"),
        """
        environment: prod
        secrets: { db_password: { env: SHOP_DB_PASSWORD } }
        """);
    VarSet set = new VarSetLoader().load(dir);
    assertThat(set.problems()).isEmpty();
    assertThat(set.environment("prod").secrets().get("db_password"))
        .isEqualTo(
            new dev.parity.secret.SecretRef.FromEnv(
                "db_password", "SHOP_DB_PASSWORD", dir.resolve("prod.yml") + ":2:32"));
  }
}
