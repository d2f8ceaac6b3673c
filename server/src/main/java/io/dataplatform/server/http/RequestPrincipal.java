package io.dataplatform.server.http;

import io.dataplatform.server.auth.Principal;
import io.javalin.http.Context;

/** Where the authentication filter leaves the caller for the handlers. */
final class RequestPrincipal {
  private static final String ATTRIBUTE = "dp.principal";

  private RequestPrincipal() {}

  static void set(Context context, Principal principal) {
    context.attribute(ATTRIBUTE, principal);
  }

  static Principal of(Context context) {
    Principal principal = context.attribute(ATTRIBUTE);
    if (principal == null) {
      throw new IllegalStateException("authentication filter did not run for " + context.path());
    }
    return principal;
  }
}
