"""Sign-in: MSAL public-client flows and a token cache kept only in the OS keyring."""
