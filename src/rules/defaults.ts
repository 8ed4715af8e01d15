// The defaults of the settings that decide what the engine writes, in one place: the command's option table, the
// API's options and the engine's own defaults all read them (issue 16).

/** The JavaScript expression inserted as the `sessionId` value unless `--session-id` says otherwise. */
export const DEFAULT_SESSION_ID = 'sessionId';

/** The `sessionId` value inserted in PHP payload arrays unless `--php-session-id` says otherwise (issue 13). */
export const DEFAULT_PHP_SESSION_ID = '$sessionId';
