package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Loads the TPC-H tables into the platform as Iceberg tables, as a user would: the Parquet files
 * are uploaded to the platform's {@code staging} bucket through its S3 API, and each table is
 * created with {@code CREATE TABLE tpch.<t> AS SELECT * FROM read_parquet('s3://staging/...')} over
 * Flight SQL.
 */
final class PlatformLoader {
  private static final String BUCKET = "staging";
  private static final String PREFIX = "tpch-import/";
  private final PlatformProcess platform;
  private final JdbcEngine flightSql;

  PlatformLoader(PlatformProcess platform, JdbcEngine flightSql) {
    this.platform = requireNonNull(platform, "platform");
    this.flightSql = requireNonNull(flightSql, "flightSql");
  }

  /** Loads all tables and returns the time it took in milliseconds, the upload included. */
  double load(Path parquetDirectory) throws SQLException {
    long started = System.nanoTime();
    try (S3Client s3 = client()) {
      try {
        for (TpchTable table : TpchTable.ALL) {
          s3.putObject(
              request -> request.bucket(BUCKET).key(PREFIX + table.parquetFileName()),
              RequestBody.fromFile(parquetDirectory.resolve(table.parquetFileName())));
        }
        System.out.printf(
            "  uploaded the Parquet files in %.1f s%n", (System.nanoTime() - started) / 1e9);
        flightSql.executeStatement("CREATE SCHEMA tpch");
        for (TpchTable table : TpchTable.ALL) {
          long tableStarted = System.nanoTime();
          flightSql.executeStatement(
              "CREATE TABLE tpch."
                  + table.name()
                  + " AS SELECT * FROM read_parquet("
                  + DuckDb.literal("s3://" + BUCKET + "/" + PREFIX + table.parquetFileName())
                  + ")");
          System.out.printf(
              "  loaded %-9s %8.1f s%n", table.name(), (System.nanoTime() - tableStarted) / 1e9);
        }
      } finally {
        for (TpchTable table : TpchTable.ALL) {
          s3.deleteObject(request -> request.bucket(BUCKET).key(PREFIX + table.parquetFileName()));
        }
      }
    }
    return (System.nanoTime() - started) / 1e6;
  }

  private S3Client client() {
    return S3Client.builder()
        .endpointOverride(platform.s3Endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    PlatformProcess.S3_ACCESS_KEY, PlatformProcess.S3_SECRET_KEY)))
        .httpClient(Apache5HttpClient.builder().socketTimeout(Duration.ofMinutes(5)).build())
        .build();
  }
}
