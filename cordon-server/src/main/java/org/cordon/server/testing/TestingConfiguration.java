package org.cordon.server.testing;

import java.nio.file.Path;
import org.cordon.core.testing.TestingPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The testing policy the server runs with: the shipped defaults ({@code policy/testing-default.yaml}),
 * or the file named by {@code cordon.testing.policy}. Pool sizes, the default pool size and the
 * turnaround limit come from it, so changing them is a file edit and a restart.
 */
@Configuration(proxyBeanMethods = false)
class TestingConfiguration {

  @Bean
  TestingPolicy testingPolicy(@Value("${cordon.testing.policy:}") String file) {
    return file.isBlank() ? TestingPolicy.defaults() : TestingPolicy.read(Path.of(file));
  }
}
