package org.cordon.server.place;

import org.cordon.core.place.CountyBoundaries;
import org.cordon.core.place.DivisionTree;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shipped division tree and county boundaries as beans, loaded once per JVM. */
@Configuration(proxyBeanMethods = false)
public class PlaceConfiguration {

  @Bean
  DivisionTree divisionTree() {
    return DivisionTree.shipped();
  }

  @Bean
  CountyBoundaries countyBoundaries() {
    return CountyBoundaries.shipped();
  }
}
