package io.dataplatform.transform.jinja;

import io.dataplatform.api.DpException;
import io.dataplatform.transform.TransformErrorCode;

/** {@code config.get('key', default)} and {@code config.require('key')} inside templates. */
public final class ConfigAccessor {
  private final RenderContext context;

  ConfigAccessor(RenderContext context) {
    this.context = context;
  }

  public Object get(String key) {
    return get(key, null);
  }

  public Object get(String key, Object defaultValue) {
    Object value = context.config().get(key);
    if (value == null) {
      value = context.node().map(node -> node.config().get(key)).orElse(null);
    }
    return value == null ? defaultValue : value;
  }

  public Object require(String key) {
    Object value = get(key, null);
    if (value == null) {
      throw new DpException(
          TransformErrorCode.COMPILATION_ERROR,
          "Cannot read config: required config " + key + " is not set");
    }
    return value;
  }
}
