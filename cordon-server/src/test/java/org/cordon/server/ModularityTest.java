package org.cordon.server;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The server's capability packages are Spring Modulith modules: a module reaches another only through
 * its top-level package (its API), never its internals, and there are no cycles between modules.
 */
class ModularityTest {
  private final ApplicationModules modules = ApplicationModules.of(CordonServerApplication.class);

  @Test
  void capabilityModulesRespectTheirBoundaries() {
    modules.verify();
  }

  @Test
  void writesTheModuleDocumentation() {
    new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
  }
}
