package dev.webseed.servlet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.UnavailableException;

import dev.webseed.Webseed;

/** Small helpers shared by the servlets of this package. */
final class Servlets {
    private Servlets() {
    }

    /** The running {@link Webseed} of this context, put there by {@link WebseedListener}. */
    static Webseed webseed(ServletContext context) throws UnavailableException {
        Object value = context.getAttribute(Webseed.ATTRIBUTE);
        if (value instanceof Webseed webseed) {
            return webseed;
        }
        throw new UnavailableException("webseed is not running: register " + WebseedListener.class.getName()
                + " as a listener (see the example web.xml)");
    }
}
