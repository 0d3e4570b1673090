// The buttons' action IDs, in a file of their own: the worker listens for them, and the HTTP function, which must stay
// small, recognises the one whose value is command text.
/** The request card's buttons; their value is the request ID, used only to look the request up. */
export const ACTION_IDS = { approve: "restore_approve", deny: "restore_deny", cancel: "restore_cancel" } as const;

/** The "Request restore" buttons of a `versions` listing; their value is command text, read like a typed command. */
export const REQUEST_VERSION_ACTION = "restore_request_version";
