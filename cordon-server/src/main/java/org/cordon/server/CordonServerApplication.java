package org.cordon.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The command server: wires the core engines to storage, HTTP and people. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CordonServerApplication {
}
