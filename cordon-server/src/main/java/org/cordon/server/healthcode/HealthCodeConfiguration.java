package org.cordon.server.healthcode;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the timer that moves the health-code engine's clock ({@link HealthCodeManagement#advance()}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class HealthCodeConfiguration {
}
