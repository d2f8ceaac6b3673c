package io.dataplatform.server;

import java.util.List;

/**
 * Loads, on a spare core, the classes the start-up path needs later (DuckDB's native library, the
 * AWS SDK's S3 client, the HTTP server), while the main thread opens the metastore: class loading
 * and static initialisation are most of the start-up time, and done once they are shared.
 */
final class ClassWarmer {
  private static final List<String> CLASSES =
      List.of(
          "org.duckdb.DuckDBDriver",
          "software.amazon.awssdk.services.s3.S3Client",
          "software.amazon.awssdk.services.s3.DefaultS3ClientBuilder",
          "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient",
          "software.amazon.awssdk.auth.credentials.AwsBasicCredentials",
          "org.apache.iceberg.aws.s3.S3FileIO",
          "org.apache.iceberg.jdbc.JdbcCatalog",
          "io.javalin.Javalin",
          "org.eclipse.jetty.server.Server");

  private ClassWarmer() {}

  /** Starts loading in a daemon thread; nothing waits for it, and a failure only costs time. */
  static void start() {
    Thread thread =
        new Thread(
            () -> {
              ClassLoader loader = ClassWarmer.class.getClassLoader();
              for (String name : CLASSES) {
                try {
                  Class.forName(name, true, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                  // the class is loaded again where it is used, and fails there if it must
                }
              }
            },
            "dp-class-warmer");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }
}
