package io.dataplatform.server.cli;

import io.dataplatform.server.Platform;
import io.dataplatform.server.config.ServerConfig;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dp up}: runs the platform in the foreground until SIGTERM or Ctrl-C. */
@Command(name = "up", description = "Start the platform in the foreground.")
public final class UpCommand implements Runnable {
  private static volatile boolean serving;

  @Mixin ServerOptions options;

  public static boolean isServing() {
    return serving;
  }

  @Override
  public void run() {
    serve(options.load(), platform -> {}, () -> {});
  }

  /**
   * Starts the platform, runs {@code afterStart}, prints where it listens, and blocks. On SIGTERM
   * or Ctrl-C the platform is closed, then {@code afterClose} runs: what the platform reads from
   * (the demo's database) stops only once the platform no longer reads it.
   */
  static void serve(ServerConfig config, Consumer<Platform> afterStart, Runnable afterClose) {
    long started = System.nanoTime();
    Platform platform = new Platform(config).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("dp: shutting down");
                  try {
                    platform.close();
                  } finally {
                    afterClose.run();
                    stopped.countDown();
                  }
                },
                "dp-shutdown"));
    serving = true;
    PrintStream out = System.out;
    platform
        .generatedAdminPassword()
        .ifPresent(
            password -> {
              out.println("dp: created user admin with the generated password: " + password);
              out.println("dp: it is shown only this once; store it now.");
            });
    var root = platform.storage().rootCredentials();
    if (root.origin() == io.dataplatform.storage.RootCredentials.Origin.GENERATED) {
      out.println("dp: generated the S3 root access key: " + root.credentials().accessKeyId());
      out.println("dp: and its secret key: " + root.credentials().secretKey());
      out.println(
          "dp: they are shown only this once (set DP_S3_ACCESS_KEY and DP_S3_SECRET_KEY to"
              + " choose your own).");
    }
    afterStart.accept(platform);
    String host = config.bindHost();
    out.println("dp: data directory     " + config.dataDirectory());
    out.println("dp: web UI and REST    http://" + host + ":" + platform.httpPort() + "/");
    out.println("dp: Iceberg REST       http://" + host + ":" + platform.httpPort() + "/iceberg");
    out.println(
        "dp: Arrow Flight SQL   jdbc:arrow-flight-sql://"
            + host
            + ":"
            + platform.flightPort()
            + "?useEncryption=false");
    out.println("dp: S3 API             " + platform.storage().endpoint());
    out.printf("dp: ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
