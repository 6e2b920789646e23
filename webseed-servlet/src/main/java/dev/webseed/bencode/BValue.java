package dev.webseed.bencode;

/**
 * A bencoded value: a byte string, an integer, a list or a dictionary (BEP 3, "bencoding").
 * Values are immutable.
 */
public sealed interface BValue permits BString, BInteger, BList, BDict {
}
