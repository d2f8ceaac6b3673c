package io.dataplatform.bench;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** What one engine did with one query: its answer and median time, or the error it raised. */
record QueryResult(TpchQuery query, Optional<Answer> answer, double medianMillis, String error) {
  QueryResult {
    requireNonNull(query, "query");
    requireNonNull(answer, "answer");
    requireNonNull(error, "error");
  }

  static QueryResult success(TpchQuery query, Answer answer, double medianMillis) {
    return new QueryResult(query, Optional.of(answer), medianMillis, "");
  }

  static QueryResult failure(TpchQuery query, String error) {
    return new QueryResult(query, Optional.empty(), Double.NaN, error);
  }

  boolean succeeded() {
    return answer.isPresent();
  }
}
