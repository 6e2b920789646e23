package dev.webseed.jetty;

/** Placeholder entry point; replaced by the command line. */
public final class Main {
    public static void main(String[] args) {
        System.out.println("webseed");
    }
}
