package dev.heron.api.tenant;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Lets a controller method declare a {@link CurrentTenant} parameter, set by {@link ApiKeyFilter}.
 */
@Singleton
class CurrentTenantBinder implements TypedRequestArgumentBinder<CurrentTenant> {
  @Override
  public Argument<CurrentTenant> argumentType() {
    return Argument.of(CurrentTenant.class);
  }

  @Override
  public BindingResult<CurrentTenant> bind(
      ArgumentConversionContext<CurrentTenant> context, HttpRequest<?> source) {
    Optional<CurrentTenant> tenant =
        source.getAttribute(CurrentTenant.ATTRIBUTE, CurrentTenant.class);
    return () -> tenant;
  }
}
