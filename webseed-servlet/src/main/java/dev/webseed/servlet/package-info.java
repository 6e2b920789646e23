/**
 * The only classes named in web.xml or Jetty XML. They stay thin: read the shared {@link
 * dev.webseed.Webseed} from the servlet context, parse the request, call a plain class, write the
 * response (the Jetty {@code DefaultServlet} over {@code ResourceService} split).
 */
package dev.webseed.servlet;
