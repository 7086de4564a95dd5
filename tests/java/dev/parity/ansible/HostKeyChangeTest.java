package dev.parity.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostKeyChangeTest {
  // A key made with ssh-keygen; `ssh-keygen -l` printed SHA256:2kHMTtQg… for it.
  private static final String TRUSTED =
      "10.231.9.10 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHkmsWBBb61lronuQciWkV3Z5FetD2W6ovtRM4tOmSBT";

  /** What Ansible reports for the host: OpenSSH's warning, as ssh prints it. */
  private static final String REFUSED =
      "Failed to connect to the host via ssh:"
          + " @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
          + "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n"
          + "IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\n"
          + "The fingerprint for the ED25519 key sent by the remote host is\n"
          + "SHA256:Jm0nbQ0u1Vp7vHcE2yq1rQ2Jd7c0x1m9sWq5Xq7ZyAo.\n"
          + "Add correct host key in /work/.parity/dev/ansible/ssh/known_hosts to get rid of this"
          + " message.\n"
          + "Offending ED25519 key in /work/.parity/dev/ansible/ssh/known_hosts:1\n"
          + "Host key for 10.231.9.10 has changed and you have requested strict checking.\n"
          + "Host key verification failed.";

  @Test
  void aChangedHostKeyNamesTheNodeTheAddressBothFingerprintsAndWhatToUpdate() {
    String said =
        HostKeyChange.explain("dev-db-0", "10.231.9.10", REFUSED, List.of(TRUSTED)).orElseThrow();
    assertThat(said)
        .startsWith("dev-db-0 (10.231.9.10): its host key changed")
        .contains("it sent SHA256:Jm0nbQ0u1Vp7vHcE2yq1rQ2Jd7c0x1m9sWq5Xq7ZyAo")
        .contains("parity trusts ssh-ed25519 SHA256:2kHMTtQguMFwwsq40kdMQtzoGQFo0Kzqa9a8ZX+lo3c")
        .contains("update host_key in your module or your known_hosts secret")
        .doesNotContain("known_hosts:1")
        .doesNotContain("Add correct host key");
  }

  @Test
  void theFingerprintIsTheOneSshKeygenPrints() {
    assertThat(
            HostKeyChange.fingerprint(
                "AAAAC3NzaC1lZDI1NTE5AAAAIHkmsWBBb61lronuQciWkV3Z5FetD2W6ovtRM4tOmSBT"))
        .isEqualTo("SHA256:2kHMTtQguMFwwsq40kdMQtzoGQFo0Kzqa9a8ZX+lo3c");
  }

  @Test
  void anyOtherFailureIsLeftAsItIs() {
    assertThat(
            HostKeyChange.explain(
                "dev-db-0",
                "10.231.9.10",
                "Connection timed out during banner exchange",
                List.of()))
        .isEmpty();
  }
}
