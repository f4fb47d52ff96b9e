package org.hiehub.hub.security;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hiehub.hub.HubProperties;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Every API needs a bearer token (OAuth2 resource server, stateless, no cookies so no CSRF surface); what each
 * role may call is {@link AccessPolicy}. Refusals are problem details (OperationOutcome under {@code /fhir}).
 */
@Configuration
@EnableWebSecurity
public class SecurityConfiguration {

    /** Prefix of the authority naming the caller's organization (read by the query side's Caller and CurrentUser). */
    public static final String ORGANIZATION_PREFIX = "ORG:";
    static final String SECURITY_FILTER_CHAIN = "springSecurityFilterChain";

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProperties properties, SecurityProblems problems)
            throws Exception {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> authorities(jwt, properties));
        // Stateless bearer-token API: no session to cache a request in, no form logout, so neither filter runs.
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(a -> a.anyRequest().access(byPolicy()))
                .oauth2ResourceServer(o -> o.bearerTokenResolver(new BearerHeaderTokens())
                        .jwt(j -> j.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    /**
     * Spring Security would wrap each of its filters, the authentication and the authorization in observations of
     * their own (two, with timers and tags, per filter per request): about a tenth of a kept summary's CPU for
     * metrics nobody charts, and disabling them by observation predicate still left the wrappers allocating.
     * Requests keep their {@code http.server.requests} timer, and every patient read its access audit entry.
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** The strict firewall, every rule kept, its character checks without regular expressions. */
    @Bean
    WebSecurityCustomizer strictFirewall() {
        return web -> web.httpFirewall(HeaderCharacters.firewall());
    }

    /**
     * Spring Security wraps its filter chain in a filter that looks up every request's Spring MVC handler ahead of
     * time, for request matchers and CORS rules that ask Spring MVC which handler a request goes to. This chain has
     * neither (one rule for any request, decided by {@link AccessPolicy} on the path), so the lookup, a walk over
     * every mapping that the dispatcher repeats anyway, was an eighth of a kept summary's CPU for nothing. This puts
     * the chain back as Spring Security built it; a matcher that does ask Spring MVC still works, uncached.
     */
    @Bean
    static BeanFactoryPostProcessor withoutHandlerLookupAheadOfSecurity() {
        return beanFactory -> {
            if (!(beanFactory instanceof BeanDefinitionRegistry registry)
                    || !registry.containsBeanDefinition(SECURITY_FILTER_CHAIN)) {
                return;
            }
            BeanDefinition chain = registry.getBeanDefinition(SECURITY_FILTER_CHAIN);
            ConstructorArgumentValues.ValueHolder filters =
                    chain.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
            if (!String.valueOf(chain.getBeanClassName()).endsWith("WebMvcSecurityConfiguration$CompositeFilterChainProxy")
                    || filters == null || !(filters.getValue() instanceof List<?> wrapped)) {
                return;
            }
            List<BeanDefinition> kept = wrapped.stream().filter(BeanDefinition.class::isInstance)
                    .map(BeanDefinition.class::cast)
                    .filter(f -> !String.valueOf(f.getBeanClassName()).endsWith("IntrospectorCacheFilterFactoryBean"))
                    .toList();
            if (kept.size() == 1 && kept.size() < wrapped.size()) {
                registry.removeBeanDefinition(SECURITY_FILTER_CHAIN);
                registry.registerBeanDefinition(SECURITY_FILTER_CHAIN, kept.get(0));
            }
        };
    }

    @Bean
    @ConditionalOnProperty(name = "hub.security.issuer", havingValue = "local", matchIfMissing = true)
    JwtDecoder localIssuerDecoder(SecurityProperties properties, HubProperties hub) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(localIssuer(properties, hub).publicKey()).build();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(LocalTokenIssuer.ISSUER));
        decoder.setJwtValidator(validator);
        return new VerifiedTokens(decoder, validator, Clock.systemUTC());
    }

    /** The local issuer of this configuration: the {@code token} command and tests mint with the same key. */
    public static LocalTokenIssuer localIssuer(SecurityProperties properties, HubProperties hub) {
        Path keyFile = properties.localKeyFile().isBlank()
                ? hub.dataDir().resolve(LocalTokenIssuer.KEY_FILE) : Path.of(properties.localKeyFile());
        return LocalTokenIssuer.forKeyFile(keyFile);
    }

    private static AuthorizationManager<RequestAuthorizationContext> byPolicy() {
        return (authentication, context) -> {
            var request = context.getRequest();
            String path = request.getRequestURI().substring(request.getContextPath().length());
            AccessPolicy.Rule rule = AccessPolicy.ruleFor(request.getMethod(), path);
            if (rule == null) {
                return new AuthorizationDecision(false);
            }
            return new AuthorizationDecision(rule.open() || rule.allows(rolesOf(authentication.get())));
        };
    }

    static Set<HubRole> rolesOf(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return Set.of();
        }
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> HubRole.fromClaim(a.substring(5)))
                .flatMap(java.util.Optional::stream).collect(Collectors.toUnmodifiableSet());
    }

    /** Roles from the configured claim; a dotted path walks nested objects. Unknown role names are ignored. */
    /**
     * The caller's roles, and their organization as an {@code ORG:} authority: the one place that knows which claims
     * carry them, so consent and audit read the organization from the authentication whatever the provider calls it.
     */
    static Collection<GrantedAuthority> authorities(Jwt jwt, SecurityProperties properties) {
        List<GrantedAuthority> authorities = new java.util.ArrayList<>(roles(jwt, properties.rolesClaim()));
        if (claim(jwt, properties.organizationClaim()) instanceof String organization && !organization.isBlank()) {
            authorities.add(new SimpleGrantedAuthority(ORGANIZATION_PREFIX + organization));
        }
        return authorities;
    }

    static Collection<GrantedAuthority> roles(Jwt jwt, String claimPath) {
        if (!(claim(jwt, claimPath) instanceof Collection<?> names)) {
            return List.of();
        }
        return names.stream().map(String::valueOf).map(HubRole::fromClaim).flatMap(java.util.Optional::stream)
                .map(r -> (GrantedAuthority) new SimpleGrantedAuthority(r.authority())).toList();
    }

    /** A claim by path ({@code realm_access.roles}); null when absent. */
    private static Object claim(Jwt jwt, String claimPath) {
        Object value = jwt.getClaims();
        for (String part : claimPath.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        return value;
    }
}
