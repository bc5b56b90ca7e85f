/** The Telegram front end: long polling, replies in Telegram's HTML, groups, buttons. */
@NullMarked
package io.github.careeradvisor.telegram;

import org.jspecify.annotations.NullMarked;
