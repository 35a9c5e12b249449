package dev.heron.senders.smtp;

/** The mail exchanger a message goes to: its MX host name and the address connected to. */
public record Exchanger(String host, String address) {}
