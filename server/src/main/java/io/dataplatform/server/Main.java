package io.dataplatform.server;

import io.dataplatform.api.DpException;
import io.dataplatform.server.cli.AssetsCommand;
import io.dataplatform.server.cli.BackfillCommand;
import io.dataplatform.server.cli.ConnectionsCommand;
import io.dataplatform.server.cli.DemoCommand;
import io.dataplatform.server.cli.JobsCommand;
import io.dataplatform.server.cli.KeysCommand;
import io.dataplatform.server.cli.RunsCommand;
import io.dataplatform.server.cli.SqlCommand;
import io.dataplatform.server.cli.SyncCommand;
import io.dataplatform.server.cli.SyncsCommand;
import io.dataplatform.server.cli.TokensCommand;
import io.dataplatform.server.cli.TransformCommand;
import io.dataplatform.server.cli.UpCommand;
import io.dataplatform.server.cli.WarmUpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dp} command line. */
@Command(
    name = "dp",
    mixinStandardHelpOptions = true,
    version = "dp " + Platform.VERSION,
    description =
        "Data Platform: ingestion, S3 storage, lakehouse SQL, transformations, catalog,"
            + " dashboards and orchestration in one program.",
    subcommands = {
      UpCommand.class,
      DemoCommand.class,
      SqlCommand.class,
      TransformCommand.class,
      TokensCommand.class,
      KeysCommand.class,
      ConnectionsCommand.class,
      SyncCommand.class,
      SyncsCommand.class,
      AssetsCommand.class,
      JobsCommand.class,
      BackfillCommand.class,
      RunsCommand.class,
      WarmUpCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExecutionExceptionHandler(
        (error, line, parseResult) -> {
          if (error instanceof DpException dpError) {
            line.getErr().println("dp: " + dpError.getMessage());
            return 1;
          }
          throw error;
        });
    int exitCode = commandLine.execute(args);
    if (exitCode != 0 || !UpCommand.isServing()) {
      System.exit(exitCode);
    }
  }
}
