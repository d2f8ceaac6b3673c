package io.dataplatform.ingest.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestPageRequest {
  @Test
  void linkHeaderNextIsFoundAmongOtherRelations() {
    assertEquals(
        Optional.of("https://api.example.com/items?page=3"),
        PageRequest.nextLink(
            List.of(
                "<https://api.example.com/items?page=1>; rel=\"first\","
                    + " <https://api.example.com/items?page=3>; rel=\"next\"; title=\"more\"")));
    assertEquals(
        Optional.of("/items?page=2"),
        PageRequest.nextLink(
            List.of("</items?page=0>; rel=prev", "</items?page=2>; rel=\"next last\"")));
    assertEquals(Optional.empty(), PageRequest.nextLink(List.of("</a>; rel=\"prev\"")));
  }

  @Test
  void pathsAndParametersFormTheUrl() {
    PageRequest request =
        new PageRequest(
            URI.create("http://127.0.0.1:8080/v1/"),
            "/items",
            Map.of("q", "a b&c"),
            new Pagination.PageNumber("page", 0, "size", 50));
    assertEquals(
        "http://127.0.0.1:8080/v1/items?q=a+b%26c&page=0&size=50", request.uri().toString());
  }
}
