package io.dataplatform.orchestrator.step;

import io.dataplatform.api.DpException;
import io.dataplatform.api.StandardErrorCode;
import io.dataplatform.orchestrator.job.WebhookStep;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Runs {@code webhook:} steps and sends failure alerts, with {@code java.net.http}. */
public final class WebhookStepRunner implements StepRunner<WebhookStep> {
  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  @Override
  public Class<WebhookStep> stepType() {
    return WebhookStep.class;
  }

  @Override
  public StepResult run(WebhookStep step, StepContext context)
      throws IOException, InterruptedException {
    String body = SqlStepRunner.substitute(step.body().orElse(""), context);
    int status = send(step, body);
    context.log().info(step.method() + " " + step.url() + " answered " + status);
    return new StepResult(step.assets(), List.of());
  }

  /** Sends the request and returns the status; a status of 400 or more is an error. */
  public int send(WebhookStep step, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(step.url())
            .timeout(step.timeout())
            .method(
                step.method(),
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (!body.isEmpty() && !step.headers().containsKey("Content-Type")) {
      request.header("Content-Type", "application/json");
    }
    step.headers().forEach(request::header);
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 400) {
      String answer = response.body();
      throw new DpException(
          StandardErrorCode.EXTERNAL_FAILURE,
          "Cannot call webhook: it answered "
              + response.statusCode()
              + " "
              + (answer.length() > 200 ? answer.substring(0, 200) : answer)
              + " ("
              + step.method()
              + " "
              + step.url()
              + ")");
    }
    return response.statusCode();
  }
}
