package org.cordon.server.followup;

import org.cordon.core.place.DivisionCode;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where this instance is in charge ({@code cordon.deployment.*}): contacts living inside
 * {@code jurisdiction} get follow-up tasks here, contacts living outside become assist requests for
 * the instance in charge there. {@code instanceId} names this instance in the assist files it sends.
 *
 * @param jurisdiction division code, default {@code 1401} (Taiyuan, the demo city)
 * @param instanceId default {@code cordon-<jurisdiction>}
 */
@ConfigurationProperties("cordon.deployment")
public record DeploymentProperties(String jurisdiction, String instanceId) {

  public DeploymentProperties {
    jurisdiction = jurisdiction == null || jurisdiction.isBlank() ? "1401" : jurisdiction.strip();
    DivisionCode.of(jurisdiction);
    instanceId = instanceId == null || instanceId.isBlank() ? "cordon-" + jurisdiction : instanceId.strip();
    if (instanceId.length() > 64) {
      throw new IllegalArgumentException("cordon.deployment.instance-id is longer than 64 characters");
    }
  }

  /** Whether a stored home division lies in this deployment's jurisdiction. */
  public boolean covers(String homeDivision) {
    return homeDivision != null && homeDivision.startsWith(jurisdiction);
  }
}
