/** An empty TwiML document: "received, nothing to send in this response". Replies go out via the API. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
