package io.dataplatform.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dp tokens create|list|revoke}: API tokens of the calling user. */
@Command(
    name = "tokens",
    description = "Create, list and revoke API tokens.",
    subcommands = {
      TokensCommand.Create.class,
      TokensCommand.ListTokens.class,
      TokensCommand.Revoke.class
    })
public final class TokensCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "create", description = "Create an API token; it is printed once.")
  static final class Create implements Runnable {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "NAME", description = "What the token is for")
    String name;

    @Override
    public void run() {
      JsonNode token = new ServerClient(client).post("/api/v1/tokens", Map.of("name", name));
      System.out.println(token.path("token").asText());
      System.err.println(
          "dp: token " + token.path("id").asLong() + " created; it is shown only this once.");
    }
  }

  @Command(name = "list", description = "List your API tokens.")
  static final class ListTokens implements Runnable {
    @Mixin ClientOptions client;

    @Override
    public void run() {
      JsonNode tokens = new ServerClient(client).get("/api/v1/tokens").path("tokens");
      System.out.printf("%-6s %-30s %-30s %s%n", "ID", "NAME", "CREATED", "REVOKED");
      for (JsonNode token : tokens) {
        System.out.printf(
            "%-6d %-30s %-30s %s%n",
            token.path("id").asLong(),
            token.path("name").asText(),
            token.path("createdAt").asText(),
            token.path("revokedAt").isNull() ? "-" : token.path("revokedAt").asText());
      }
    }
  }

  @Command(name = "revoke", description = "Revoke an API token.")
  static final class Revoke implements Runnable {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "ID", description = "The token's id (see dp tokens list)")
    long id;

    @Override
    public void run() {
      new ServerClient(client).delete("/api/v1/tokens/" + id);
      System.out.println("dp: token " + id + " revoked");
    }
  }
}
