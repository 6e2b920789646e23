package dev.webseed.servlet;

import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

import dev.webseed.Webseed;
import dev.webseed.config.ConfigException;
import dev.webseed.config.Settings;
import dev.webseed.config.WebseedConfig;

/**
 * Builds the shared {@link Webseed} from the context parameters when the web application starts
 * and closes it when it stops.
 *
 * <p>Every context parameter whose name is a setting of {@link Settings} is used. A name that is
 * not a setting but close to one (same letters in another case, or two edits away, e.g. {@code
 * contentroot}) fails start-up as a likely typo; any other name belongs to someone else in the
 * same web application and is left alone. A bad value fails start-up with the parameter's name,
 * so a misconfigured origin never comes up half-working.</p>
 *
 * <p>An embedding program may instead put a ready {@link Webseed} into the {@link
 * Webseed#ATTRIBUTE} attribute before start; the listener then leaves it alone (and does not close
 * it).</p>
 */
public final class WebseedListener implements ServletContextListener {
    private static final System.Logger LOG = System.getLogger(WebseedListener.class.getName());
    private Webseed started;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        if (context.getAttribute(Webseed.ATTRIBUTE) != null) {
            return;
        }
        try {
            WebseedConfig config = WebseedConfig.fromParameters(parameters(context));
            started = Webseed.start(config);
            context.setAttribute(Webseed.ATTRIBUTE, started);
            LOG.log(Level.INFO, "webseed serving {0} at {1}", config.contentRoot(), context.getContextPath() + "/");
        } catch (ConfigException e) {
            LOG.log(Level.ERROR, "webseed not started: {0}", e.getMessage());
            throw new IllegalStateException("webseed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "webseed not started: {0}", e.getMessage());
            throw new IllegalStateException("webseed: " + e.getMessage(), e);
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (started != null) {
            event.getServletContext().removeAttribute(Webseed.ATTRIBUTE);
            started.close();
            started = null;
        }
    }

    static Map<String, String> parameters(ServletContext context) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : Collections.list(context.getInitParameterNames())) {
            if (Settings.named(name).isPresent()) {
                params.put(name, context.getInitParameter(name));
            } else {
                Settings.closest(name).ifPresent(known -> {
                    throw new ConfigException(name, "unknown parameter (did you mean '" + known + "'?)");
                });
            }
        }
        return params;
    }
}
