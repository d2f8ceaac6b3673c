package io.dataplatform.metastore;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the metastore lives: an H2 file under the data directory unless a JDBC URL (PostgreSQL) is
 * configured with {@code metastore.url} / {@code DP_METASTORE_URL}.
 *
 * @param url the JDBC URL, {@code jdbc:h2:async:...} (or another H2 URL) or {@code
 *     jdbc:postgresql://...}
 * @param user the database user, empty for H2
 * @param password the database password (secret), empty for H2
 */
public record MetastoreConfig(String url, String user, String password) {
  public MetastoreConfig {
    requireNonNull(url, "url");
    user = user == null ? "" : user;
    password = password == null ? "" : password;
    if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
      throw new io.dataplatform.api.DpException(
          io.dataplatform.api.StandardErrorCode.INVALID_CONFIGURATION,
          "Cannot use metastore URL: only jdbc:h2: and jdbc:postgresql: are supported ("
              + url
              + ")");
    }
  }

  /**
   * The embedded default: an H2 file database in {@code <dataDirectory>/metastore}. Each commit is
   * written to the file before it returns ({@code WRITE_DELAY=0}; H2's default waits up to 500 ms),
   * so a commit the platform acknowledged (a run step done, an Iceberg table pointer) survives
   * {@code kill -9}. The file is accessed through H2's {@code async:} file system: a thread
   * interrupted while it writes (a canceled run step, a stopping scheduler) finishes its write and
   * keeps its interrupt, where H2's default file channel would be closed by the interrupt and take
   * the whole database down with it.
   */
  public static MetastoreConfig embedded(Path dataDirectory) {
    Path file = dataDirectory.toAbsolutePath().resolve("metastore").resolve("dp");
    return new MetastoreConfig(
        "jdbc:h2:async:" + file + ";DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
        "",
        "");
  }

  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  public Optional<String> userIfAny() {
    return user.isEmpty() ? Optional.empty() : Optional.of(user);
  }

  @Override
  public String toString() {
    return "MetastoreConfig[url=" + url + ", user=" + user + ", password=****]";
  }
}
