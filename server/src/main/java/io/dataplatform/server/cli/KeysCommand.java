package io.dataplatform.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dp keys create|list|revoke}: access keys of the S3 API. */
@Command(
    name = "keys",
    description = "Create, list and revoke S3 access keys.",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "create", description = "Create an access key; its secret is printed once.")
  static final class Create implements Runnable {
    @Mixin ClientOptions client;

    @Option(
        names = "--description",
        paramLabel = "TEXT",
        description = "What the key is for",
        defaultValue = "")
    String description;

    @Override
    public void run() {
      JsonNode key =
          new ServerClient(client).post("/api/v1/storage/keys", Map.of("description", description));
      System.out.println("access key: " + key.path("accessKey").asText());
      System.out.println("secret key: " + key.path("secretKey").asText());
      System.err.println("dp: the secret key is shown only this once.");
    }
  }

  @Command(name = "list", description = "List the access keys (never their secrets).")
  static final class ListKeys implements Runnable {
    @Mixin ClientOptions client;

    @Override
    public void run() {
      JsonNode keys = new ServerClient(client).get("/api/v1/storage/keys").path("keys");
      System.out.printf("%-24s %-30s %s%n", "ACCESS KEY", "CREATED", "DESCRIPTION");
      for (JsonNode key : keys) {
        System.out.printf(
            "%-24s %-30s %s%n",
            key.path("accessKey").asText(),
            key.path("createdAt").asText(),
            key.path("description").asText());
      }
    }
  }

  @Command(name = "revoke", description = "Revoke an access key; requests signed with it fail.")
  static final class Revoke implements Runnable {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "ACCESS_KEY", description = "The access key (see dp keys list)")
    String accessKey;

    @Override
    public void run() {
      new ServerClient(client)
          .delete("/api/v1/storage/keys/" + URLEncoder.encode(accessKey, StandardCharsets.UTF_8));
      System.out.println("dp: access key " + accessKey + " revoked");
    }
  }
}
