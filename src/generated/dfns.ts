// Generated from openapi/dfns.yaml by openapi-typescript (npm run generate). Do not edit.

export interface paths {
    "/auth/users": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Seed-era application id, sent on every request until applications were deprecated
                 *     (2025). Accepted when present and when absent.
                 */
                "X-DFNS-APPID"?: components["parameters"]["AppId"];
                /**
                 * @description Seed-era request nonce: base64url of the JSON `{"uuid": <random, at least 13 characters>,
                 *     "date": <ISO 8601 time>}`. Validated when present, and usable once.
                 */
                "X-DFNS-NONCE"?: components["parameters"]["Nonce"];
            };
            path?: never;
            cookie?: never;
        };
        /** List the users of the caller's organisation */
        get: operations["listUsers"];
        put?: never;
        /** Create a user in the caller's organisation */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/users/{userId}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Seed-era application id, sent on every request until applications were deprecated
                 *     (2025). Accepted when present and when absent.
                 */
                "X-DFNS-APPID"?: components["parameters"]["AppId"];
                /**
                 * @description Seed-era request nonce: base64url of the JSON `{"uuid": <random, at least 13 characters>,
                 *     "date": <ISO 8601 time>}`. Validated when present, and usable once.
                 */
                "X-DFNS-NONCE"?: components["parameters"]["Nonce"];
            };
            path: {
                /** @description The ID of the user. */
                userId: components["parameters"]["UserIdPath"];
            };
            cookie?: never;
        };
        /** Get a user of the caller's organisation */
        get: operations["getUser"];
        put?: never;
        post?: never;
        /**
         * Archive a user
         * @description Archives a specific user in the caller's organisation and returns the updated user, now
         *     `isActive: false`. Requires a user action signature over this exact request. The
         *     TypeScript SDK sends the body `{}` with `Content-Type: application/json`; the Go and
         *     Python SDKs send no body: both are accepted.
         *
         *     The documents are silent on an unknown user, an already archived user, a user of another
         *     organisation and archiving oneself. Dfns's later generic error page answers 404 for an
         *     unknown, deleted or foreign id and 422 for a resource in an invalid state.
         */
        delete: operations["archiveUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/users/{userId}/activate": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Seed-era application id, sent on every request until applications were deprecated
                 *     (2025). Accepted when present and when absent.
                 */
                "X-DFNS-APPID"?: components["parameters"]["AppId"];
                /**
                 * @description Seed-era request nonce: base64url of the JSON `{"uuid": <random, at least 13 characters>,
                 *     "date": <ISO 8601 time>}`. Validated when present, and usable once.
                 */
                "X-DFNS-NONCE"?: components["parameters"]["Nonce"];
            };
            path: {
                /** @description The ID of the user. */
                userId: components["parameters"]["UserIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        /** Activate a user */
        put: operations["activateUser"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/users/{userId}/deactivate": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Seed-era application id, sent on every request until applications were deprecated
                 *     (2025). Accepted when present and when absent.
                 */
                "X-DFNS-APPID"?: components["parameters"]["AppId"];
                /**
                 * @description Seed-era request nonce: base64url of the JSON `{"uuid": <random, at least 13 characters>,
                 *     "date": <ISO 8601 time>}`. Validated when present, and usable once.
                 */
                "X-DFNS-NONCE"?: components["parameters"]["Nonce"];
            };
            path: {
                /** @description The ID of the user. */
                userId: components["parameters"]["UserIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        /** Deactivate a user */
        put: operations["deactivateUser"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/action/init": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Seed-era application id, sent on every request until applications were deprecated
                 *     (2025). Accepted when present and when absent.
                 */
                "X-DFNS-APPID"?: components["parameters"]["AppId"];
                /**
                 * @description Seed-era request nonce: base64url of the JSON `{"uuid": <random, at least 13 characters>,
                 *     "date": <ISO 8601 time>}`. Validated when present, and usable once.
                 */
                "X-DFNS-NONCE"?: components["parameters"]["Nonce"];
            };
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start user action signing
         * @description Returns a challenge over the exact request the client will send. Bearer authentication
         *     only; no user action signature.
         */
        post: operations["createUserActionChallenge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/action": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Seed-era application id, sent on every request until applications were deprecated
                 *     (2025). Accepted when present and when absent.
                 */
                "X-DFNS-APPID"?: components["parameters"]["AppId"];
                /**
                 * @description Seed-era request nonce: base64url of the JSON `{"uuid": <random, at least 13 characters>,
                 *     "date": <ISO 8601 time>}`. Validated when present, and usable once.
                 */
                "X-DFNS-NONCE"?: components["parameters"]["Nonce"];
            };
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete user action signing
         * @description Exchanges a signed challenge for a single-use user action token.
         */
        post: operations["createUserActionSignature"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @example us-em7bu-m6c48-hdqoobj7dj24pko */
        UserId: string;
        OrgId: string;
        CredentialUuid: string;
        /**
         * @description The seed documents `CustomerEmployee` and `EndUser`; the SDK types add `DfnsStaff` and
         *     later documents `AccountUser`.
         * @enum {string}
         */
        UserKind: "CustomerEmployee" | "EndUser" | "DfnsStaff" | "AccountUser";
        User: {
            username: string;
            name?: string;
            userId: components["schemas"]["UserId"];
            kind: components["schemas"]["UserKind"];
            credentialUuid: components["schemas"]["CredentialUuid"];
            orgId: components["schemas"]["OrgId"];
            /** @description Deprecated flat list of permission names. */
            permissions?: string[];
            /** @description Seed-era only. */
            scopes?: string[];
            /** @description false once the user is archived or deactivated. */
            isActive: boolean;
            isServiceAccount: boolean;
            isRegistered: boolean;
            /** @description Later documents only. */
            isSSORequired?: boolean;
            permissionAssignments: components["schemas"]["PermissionAssignment"][];
        };
        PermissionAssignment: {
            permissionName: string;
            permissionId: string;
            assignmentId: string;
            operations?: string[];
        };
        UserPage: {
            items: components["schemas"]["User"][];
            nextPageToken?: string;
        };
        CreateUserRequest: {
            /** Format: email */
            email: string;
            /** @constant */
            kind: "CustomerEmployee";
            externalId?: string;
            publicKey?: string;
            isSSORequired?: boolean;
        };
        EmptyObject: Record<string, never>;
        UserActionChallengeRequest: {
            /** @description The exact body of the request to be signed (`""` or `"{}"` for the archive). */
            userActionPayload: string;
            /** @enum {string} */
            userActionHttpMethod: "POST" | "PUT" | "DELETE" | "GET";
            userActionHttpPath: string;
            /** @enum {string} */
            userActionServerKind?: "Api" | "Staff";
        };
        /** @enum {string} */
        CredentialKind: "Fido2" | "Key" | "Password" | "Totp" | "RecoveryKey" | "PasswordProtectedKey";
        UserActionChallenge: {
            challenge: string;
            /** @description Opaque (a JWT in production). */
            challengeIdentifier: string;
            supportedCredentialKinds: {
                kind: components["schemas"]["CredentialKind"];
                /** @enum {string} */
                factor: "first" | "second" | "either";
                requiresSecondFactor: boolean;
            }[];
            /** @enum {string} */
            userVerification: "required" | "preferred" | "discouraged";
            /** @enum {string} */
            attestation: "none" | "indirect" | "direct" | "enterprise";
            allowCredentials: {
                key: components["schemas"]["AllowedCredential"][];
                webauthn: components["schemas"]["AllowedCredential"][];
            };
            externalAuthenticationUrl: string;
            rp?: {
                id: string;
                name: string;
            };
        };
        AllowedCredential: {
            /** @constant */
            type: "public-key";
            /** @description The base64url credential id. */
            id: string;
        };
        UserActionSignatureRequest: {
            challengeIdentifier: string;
            firstFactor: components["schemas"]["SignedFactor"];
            secondFactor?: components["schemas"]["SignedFactor"];
        };
        SignedFactor: {
            kind: components["schemas"]["CredentialKind"];
            credentialAssertion: {
                credId: string;
                /** @description base64url (no padding) of the JSON `{"type": "key.get", "challenge": …}`. */
                clientData: string;
                /** @description base64url signature over the exact clientData bytes. */
                signature: string;
                algorithm?: string;
                authenticatorData?: string;
                userHandle?: string;
            };
        };
        UserActionToken: {
            userAction: string;
        };
        /**
         * @description Dfns's error envelope. Seed-era bodies carry `error.message`; later versions add `id`,
         *     `status` and `details`, older ones `name`, `errorName`, `serviceName`, `causes` and
         *     `httpStatus`.
         */
        ErrorResponse: {
            error: {
                message: string;
                id?: string;
                status?: number;
                details?: unknown;
                name?: string;
                errorName?: string;
                serviceName?: string;
                causes?: unknown;
                httpStatus?: number;
            };
        };
        /** @description The documented 401 message. */
        NotAuthorizedError: components["schemas"]["ErrorResponse"] & {
            error?: {
                /** @constant */
                message?: "Not Authorized.";
            };
        };
        /** @description The documented 401 messages of user action signing. */
        SigningNotAuthorizedError: components["schemas"]["ErrorResponse"] & {
            error?: {
                /** @enum {unknown} */
                message?: "Not Authorized." | "User not found" | "User does not have a credential that can be used for the application.";
            };
        };
        /** @description The documented 403 messages. */
        ForbiddenError: components["schemas"]["ErrorResponse"] & {
            error?: {
                message?: "user action signature is missing or invalid" | string;
            };
        };
        InternalServerError: components["schemas"]["ErrorResponse"] & {
            error?: {
                /** @constant */
                message?: "Internal Server Error";
            };
        };
    };
    responses: {
        /** @description Invalid input, a nonce that is missing, invalid or reused, or a reused user action. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description No bearer token, or one that is not valid. */
        NotAuthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["NotAuthorizedError"];
            };
        };
        /** @description No valid bearer token, or a caller that cannot sign. */
        SigningNotAuthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["SigningNotAuthorizedError"];
            };
        };
        /** @description A permission the operation requires is missing, or the user action signature is missing or invalid. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ForbiddenError"];
            };
        };
        /** @description No user with this id in the caller's organisation. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The user is in a state that does not allow the operation (for example already archived). */
        InvalidState: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Server error. */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["InternalServerError"];
            };
        };
    };
    parameters: {
        /** @description The ID of the user. */
        UserIdPath: components["schemas"]["UserId"];
        /**
         * @description Seed-era application id, sent on every request until applications were deprecated
         *     (2025). Accepted when present and when absent.
         */
        AppId: string;
        /**
         * @description Seed-era request nonce: base64url of the JSON `{"uuid": <random, at least 13 characters>,
         *     "date": <ISO 8601 time>}`. Validated when present, and usable once.
         */
        Nonce: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listUsers: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: number;
                /** @description The `nextPageToken` of the previous page. */
                paginationToken?: string;
                /** @description Only users of this kind. */
                kind?: components["schemas"]["UserKind"];
            };
            header?: {
                /**
                 * @description Seed-era application id, sent on every request until applications were deprecated
                 *     (2025). Accepted when present and when absent.
                 */
                "X-DFNS-APPID"?: components["parameters"]["AppId"];
                /**
                 * @description Seed-era request nonce: base64url of the JSON `{"uuid": <random, at least 13 characters>,
                 *     "date": <ISO 8601 time>}`. Validated when present, and usable once.
                 */
                "X-DFNS-NONCE"?: components["parameters"]["Nonce"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of users. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["NotAuthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalServerError"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Seed-era application id, sent on every request until applications were deprecated
                 *     (2025). Accepted when present and when absent.
                 */
                "X-DFNS-APPID"?: components["parameters"]["AppId"];
                /**
                 * @description Seed-era request nonce: base64url of the JSON `{"uuid": <random, at least 13 characters>,
                 *     "date": <ISO 8601 time>}`. Validated when present, and usable once.
                 */
                "X-DFNS-NONCE"?: components["parameters"]["Nonce"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserRequest"];
            };
        };
        responses: {
            /** @description The user created. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["NotAuthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Seed-era application id, sent on every request until applications were deprecated
                 *     (2025). Accepted when present and when absent.
                 */
                "X-DFNS-APPID"?: components["parameters"]["AppId"];
                /**
                 * @description Seed-era request nonce: base64url of the JSON `{"uuid": <random, at least 13 characters>,
                 *     "date": <ISO 8601 time>}`. Validated when present, and usable once.
                 */
                "X-DFNS-NONCE"?: components["parameters"]["Nonce"];
            };
            path: {
                /** @description The ID of the user. */
                userId: components["parameters"]["UserIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["NotAuthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    archiveUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Seed-era application id, sent on every request until applications were deprecated
                 *     (2025). Accepted when present and when absent.
                 */
                "X-DFNS-APPID"?: components["parameters"]["AppId"];
                /**
                 * @description Seed-era request nonce: base64url of the JSON `{"uuid": <random, at least 13 characters>,
                 *     "date": <ISO 8601 time>}`. Validated when present, and usable once.
                 */
                "X-DFNS-NONCE"?: components["parameters"]["Nonce"];
            };
            path: {
                /** @description The ID of the user. */
                userId: components["parameters"]["UserIdPath"];
            };
            cookie?: never;
        };
        /** @description No body, or the empty JSON object the TypeScript SDK sends. */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EmptyObject"];
            };
        };
        responses: {
            /** @description Success — the user that was updated. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["NotAuthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidState"];
            500: components["responses"]["InternalServerError"];
        };
    };
    activateUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Seed-era application id, sent on every request until applications were deprecated
                 *     (2025). Accepted when present and when absent.
                 */
                "X-DFNS-APPID"?: components["parameters"]["AppId"];
                /**
                 * @description Seed-era request nonce: base64url of the JSON `{"uuid": <random, at least 13 characters>,
                 *     "date": <ISO 8601 time>}`. Validated when present, and usable once.
                 */
                "X-DFNS-NONCE"?: components["parameters"]["Nonce"];
            };
            path: {
                /** @description The ID of the user. */
                userId: components["parameters"]["UserIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user, now active. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["NotAuthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidState"];
            500: components["responses"]["InternalServerError"];
        };
    };
    deactivateUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Seed-era application id, sent on every request until applications were deprecated
                 *     (2025). Accepted when present and when absent.
                 */
                "X-DFNS-APPID"?: components["parameters"]["AppId"];
                /**
                 * @description Seed-era request nonce: base64url of the JSON `{"uuid": <random, at least 13 characters>,
                 *     "date": <ISO 8601 time>}`. Validated when present, and usable once.
                 */
                "X-DFNS-NONCE"?: components["parameters"]["Nonce"];
            };
            path: {
                /** @description The ID of the user. */
                userId: components["parameters"]["UserIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user, now inactive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["NotAuthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidState"];
            500: components["responses"]["InternalServerError"];
        };
    };
    createUserActionChallenge: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Seed-era application id, sent on every request until applications were deprecated
                 *     (2025). Accepted when present and when absent.
                 */
                "X-DFNS-APPID"?: components["parameters"]["AppId"];
                /**
                 * @description Seed-era request nonce: base64url of the JSON `{"uuid": <random, at least 13 characters>,
                 *     "date": <ISO 8601 time>}`. Validated when present, and usable once.
                 */
                "X-DFNS-NONCE"?: components["parameters"]["Nonce"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserActionChallengeRequest"];
            };
        };
        responses: {
            /** @description The challenge to sign. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserActionChallenge"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["SigningNotAuthorized"];
            500: components["responses"]["InternalServerError"];
        };
    };
    createUserActionSignature: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Seed-era application id, sent on every request until applications were deprecated
                 *     (2025). Accepted when present and when absent.
                 */
                "X-DFNS-APPID"?: components["parameters"]["AppId"];
                /**
                 * @description Seed-era request nonce: base64url of the JSON `{"uuid": <random, at least 13 characters>,
                 *     "date": <ISO 8601 time>}`. Validated when present, and usable once.
                 */
                "X-DFNS-NONCE"?: components["parameters"]["Nonce"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserActionSignatureRequest"];
            };
        };
        responses: {
            /** @description The user action token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserActionToken"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["SigningNotAuthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalServerError"];
        };
    };
}
