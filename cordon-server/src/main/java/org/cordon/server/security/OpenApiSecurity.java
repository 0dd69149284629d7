package org.cordon.server.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Describes Cordon's three ways to authenticate in the OpenAPI document, and hides the {@link Caller}
 * controller parameter (it comes from the authentication, not from the request).
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiSecurity {

  static {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
  }

  @Bean
  OpenAPI cordonOpenApi() {
    return new OpenAPI()
        .info(new Info().title("Cordon API").version("0.1.0").description(
            "Outbreak prevention-and-control command platform. Console users sign in with "
                + "POST /api/auth/login (session cookie) or send HTTP Basic; venue devices and labs send "
                + "Authorization: Bearer <token>. Every person and dashboard query is limited to the "
                + "caller's jurisdiction."))
        .components(new Components()
            .addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.COOKIE).name(SecurityConfiguration.SESSION_COOKIE)
                .description("Session cookie set by POST /api/auth/login"))
            .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("basic").description("Console username and password, for scripts"))
            .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("API token of a venue device or a lab")))
        .addSecurityItem(new SecurityRequirement().addList("session"))
        .addSecurityItem(new SecurityRequirement().addList("basic"))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
