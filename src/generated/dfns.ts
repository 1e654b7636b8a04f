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
    "/auth/registration/delegated": {
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
         * Create a user by delegated registration
         * @description Creates a user of the caller's organisation, without Dfns e-mailing them, and returns the
         *     challenge that the user's first credential must sign to complete registration
         *     (`POST /auth/registration`). The new user's id is `user.id`; until registration completes
         *     the user is not registered (`isRegistered: false`). This is the way Dfns documents to
         *     create an `EndUser` through the API (`POST /auth/users` creates employees only).
         *
         *     Permissions follow the seed-era docs: `Auth:Users:Create` and `Auth:Users:Delegate`
         *     always, plus the type permission of the kind created. Later docs allow only service
         *     accounts to call it, require `Auth:Register:Delegated` instead and accept only
         *     `kind: EndUser`; `email` may be any unique identifier of the caller's system.
         */
        post: operations["createDelegatedRegistrationChallenge"];
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
        /**
         * @description `us-` and three dash-separated parts of letters and digits. Production ids are lower-case,
         *     but the docs' own List Users example has `us-C6N4O4-H3N3O6-7g9sb1259f8q8orq2gimrfo59l`
         *     (upper case, 6-character parts), so case and part lengths are not enforced.
         *     Source: Dfns docs, seed era, Auth › Users › List Users, response example (docs.dfns.co/d/api-docs/authentication/user-management/listusers).
         * @example us-em7bu-m6c48-hdqoobj7dj24pko
         * @example us-C6N4O4-H3N3O6-7g9sb1259f8q8orq2gimrfo59l
         */
        UserId: string;
        /**
         * @description An `or-` id in every example (the seed's own `or-yanke-mars-…` breaks the production
         *     lengths), but Dfns's current OpenAPI types it as a plain string, so only a non-empty
         *     string is required. Source: Dfns docs, current, Get User and List Users (orgId string).
         * @example or-yanke-mars-6ulofamogg84s87v
         */
        OrgId: string;
        /**
         * @description A `cr-` id in the seed-era examples; early-2023 docs show a plain UUID, and Dfns's current
         *     OpenAPI types it as a plain string ("UUID of the user's primary credential"), so only a
         *     non-empty string is required. Source: Dfns docs, early 2023; current Get User and List
         *     Users (credentialUuid string).
         * @example cr-4uc9u-12ij1-9s08327e73jqqcnr
         */
        CredentialUuid: string;
        /**
         * @description The seed documents `CustomerEmployee` and `EndUser`; the SDK types add `DfnsStaff` and
         *     later documents `AccountUser`.
         * @enum {string}
         */
        UserKind: "CustomerEmployee" | "EndUser" | "DfnsStaff" | "AccountUser";
        User: {
            username: string;
            /** @description Display name. In SDK 0.5+ types and the current docs; absent from the seed example, so optional. Source: dfns/dfns-sdk-ts packages/sdk/generated/auth/types.ts (ArchiveUserResponse.name), commit 3751a6ce31c11e62a8795a171bc105f48e008add. */
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
            /** @description In SDK 0.8 users and the current docs (List Users, Get User); absent from the seed, so optional. Source: Dfns docs, current, Auth › List Users response (docs.dfns.co/api-reference/auth/list-users). */
            isSSORequired?: boolean;
            /** @description Current docs only (`acct-…`); absent from every earlier era, so optional. Source: Dfns docs, current, Users › User object (accountId). */
            accountId?: string;
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
        DelegatedRegistrationRequest: {
            /** @description The new user's username; for an EndUser any unique identifier of the caller's system. */
            email: string;
            /**
             * @description Seed-era docs allow both kinds; later docs only `EndUser`.
             * @enum {string}
             */
            kind: "EndUser" | "CustomerEmployee";
            externalId?: string;
        };
        /**
         * @description The WebAuthn-style registration options for the new user. Only the user, the challenge and
         *     the token to complete registration with are relied on here; the rest varies by era.
         *     Source: dfns/dfns-sdk-ts packages/sdk/generated/auth/types.ts (CreateDelegatedRegistrationChallengeResponse), commit 3751a6ce31c11e62a8795a171bc105f48e008add; packages/sdk/codegen/datamodel/Auth/types.ts (UserRegistrationChallenge), commit 3302f76038e925d3bbc05841d7db99ab6801554f.
         */
        RegistrationChallenge: {
            user: {
                id: components["schemas"]["UserId"];
                displayName: string;
                name: string;
            };
            temporaryAuthenticationToken: string;
            challenge: string;
            rp: {
                id: string;
                name: string;
            };
            /** @description Today `{firstFactor: [kinds], secondFactor: [kinds]}`; the 2023 SDK types it differently. */
            supportedCredentialKinds: unknown;
            authenticatorSelection?: {
                /** @enum {string} */
                authenticatorAttachment?: "platform" | "cross-platform";
                /** @enum {string} */
                residentKey?: "required" | "preferred" | "discouraged";
                requireResidentKey?: boolean;
                /** @enum {string} */
                userVerification?: "required" | "preferred" | "discouraged";
            };
            /** @enum {string} */
            attestation?: "none" | "indirect" | "direct" | "enterprise";
            pubKeyCredParams?: {
                /** @constant */
                type: "public-key";
                alg: number;
            }[];
            excludeCredentials?: components["schemas"]["AllowedCredential"][];
            otpUrl?: string;
            allowedRecoveryCredentials?: {
                [key: string]: unknown;
            }[];
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
        /**
         * @description `userVerification` and `attestation` are optional: seed-era answers (the 2023 SDK's
         *     `UserLoginChallenge`, docs of 2023-06 to 2024-07) have neither, nor `rp`. The seed-era
         *     docs' own example also omits `externalAuthenticationUrl`, which their format calls
         *     optional (dfns/dfns-api-docs api-docs/authentication/user-action-signing/initUserActionSigning.md,
         *     commit 638a2845ccb6040716029f47375a6c587a00528c).
         *     Source: dfns/dfns-sdk-ts packages/sdk/codegen/datamodel/Auth/types.ts (UserLoginChallenge), commit 3302f76038e925d3bbc05841d7db99ab6801554f (2023-06-07); dfns/dfns-sdk-ts packages/sdk/generated/auth/types.ts (CreateUserActionChallengeResponse), commit 3751a6ce31c11e62a8795a171bc105f48e008add.
         */
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
            userVerification?: "required" | "preferred" | "discouraged";
            /** @enum {string} */
            attestation?: "none" | "indirect" | "direct" | "enterprise";
            allowCredentials: {
                key: components["schemas"]["AllowedCredential"][];
                webauthn: components["schemas"]["AllowedCredential"][];
                /** @description Keys Dfns stores encrypted for the user, who decrypts one to sign (SDK 0.5+). */
                passwordProtectedKey?: {
                    /** @constant */
                    type: "public-key";
                    id: string;
                    encryptedPrivateKey: string;
                }[];
            };
            externalAuthenticationUrl?: string;
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
            /** @description WebAuthn transports (SDK 0.5+ types show one value; WebAuthn itself a list). */
            transports?: components["schemas"]["AuthenticatorTransport"] | components["schemas"]["AuthenticatorTransport"][];
        };
        /** @enum {string} */
        AuthenticatorTransport: "usb" | "nfc" | "ble" | "smart-card" | "hybrid" | "internal";
        /**
         * @description The first factor is a credential assertion (Fido2, Key, PasswordProtectedKey) or a
         *     password; the optional second factor a credential assertion or a TOTP code.
         *     Source: dfns/dfns-sdk-ts packages/sdk/generated/auth/types.ts (CreateUserActionSignatureBody) and packages/sdk/signer.ts (PasswordAssertion, TotpAssertion, Fido2Assertion), commit 3751a6ce31c11e62a8795a171bc105f48e008add.
         */
        UserActionSignatureRequest: {
            challengeIdentifier: string;
            firstFactor: components["schemas"]["SignedFactor"] | components["schemas"]["PasswordFactor"];
            secondFactor?: components["schemas"]["SignedFactor"] | components["schemas"]["TotpFactor"];
        };
        /** @description An assertion by a registered credential over the challenge. */
        SignedFactor: {
            /** @enum {string} */
            kind: "Fido2" | "Key" | "PasswordProtectedKey" | "RecoveryKey";
            credentialAssertion: {
                credId: string;
                /** @description base64url (no padding) of the JSON `{"type": "key.get", "challenge": …}` (WebAuthn client data for Fido2). */
                clientData: string;
                /** @description base64url signature over the exact clientData bytes. */
                signature: string;
                algorithm?: string;
                /** @description Fido2 assertions only (WebAuthn authenticator data, base64url). */
                authenticatorData?: string;
                userHandle?: string;
            };
        };
        /** @description A first factor by password (SDK `PasswordAssertion`). */
        PasswordFactor: {
            /** @constant */
            kind: "Password";
            password: string;
        };
        /** @description A second factor by one-time code (SDK `TotpAssertion`). */
        TotpFactor: {
            /** @constant */
            kind: "Totp";
            otpCode: string;
        };
        UserActionToken: {
            userAction: string;
        };
        /**
         * @description Dfns's error envelope; only its shape is guaranteed, never the wording of `message`.
         *     Seed-era bodies carry `error.message`; today's `error.id`, `error.status`,
         *     `error.message` and `error.details`; the 2023 SDK's errors `name`, `errorName`,
         *     `serviceName`, `causes`, `shouldTriggerInvestigation` and `httpStatus`. The TypeScript
         *     SDK reads `error.message` and falls back to a top-level `message`, so a body with only a
         *     top-level `message` is accepted too.
         *     Source: Dfns docs, seed era, API Errors (docs.dfns.co/d/api-docs/errors); Dfns docs, current, API Errors (docs.dfns.co/api-reference/error-codes); dfns/dfns-sdk-ts packages/sdk/codegen/datamodel/Foundations/errors.ts (DfnsError.toErrorObject), commit 3f8a67757494866354b93f8c2d53c6141b79010c; dfns/dfns-sdk-ts packages/sdk/utils/fetch.ts (errorHandler reads body.error.message ?? body.message), commit 3751a6ce31c11e62a8795a171bc105f48e008add.
         */
        ErrorResponse: {
            error: components["schemas"]["ErrorDetail"];
        } | {
            message: string;
        };
        ErrorDetail: {
            message: string;
            id?: string;
            status?: number;
            details?: unknown;
            name?: string;
            errorName?: string;
            serviceName?: string;
            causes?: unknown;
            shouldTriggerInvestigation?: boolean;
            httpStatus?: number;
        };
    };
    responses: {
        /**
         * @description Invalid input, a nonce that is missing, invalid or reused, or a reused user action. The
         *     wording of `message` is not guaranteed: the examples are the seed-era "Common Errors"
         *     sentences and a current-era body.
         */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /**
         * @description No bearer token, or one that is not valid. The seed era documents the message
         *     `Not Authorized.`; the wording is an example (a warning when it differs), not a guarantee:
         *     today's bodies are `{"error": {"id", "status", "message", "details"}}` with other wording.
         */
        NotAuthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /**
         * @description No valid bearer token, or a caller that cannot sign. The seed-era messages (`Not
         *     Authorized.`, `User not found`, `User does not have a credential that can be used for the
         *     application.`) are examples, not guarantees.
         */
        SigningNotAuthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /**
         * @description A permission the operation requires is missing, or the user action signature is missing or
         *     invalid. The seed-era sentences (`<Kind> <userId> is not authorized to perform operation
         *     (<Permission>)`, `user action signature is missing or invalid`) are examples: the status is
         *     the guarantee, the wording is not.
         */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
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
        /** @description A resource with the same unique constraint already exists (for example a reused `externalId`). */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /**
         * @description Accepted, not done: the request waits for an approval required by one of the
         *     organisation's policies. Dfns documents approvals for its policy-gated activities, and
         *     its TypeScript SDK turns any 202 answer into a policy-pending error carrying the body
         *     (the pending approval), so the contract admits a 202 on every state-changing operation.
         *     Its body is not typed: the documents give no shape for it here.
         */
        PolicyPending: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The feature is not available on the organisation's plan. */
        PaymentRequired: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The caller exceeded the API rate limits; retry with backoff. */
        TooManyRequests: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description Server error. The seed era documents the message `Internal Server Error`, an example only. */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
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
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
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
            202: components["responses"]["PolicyPending"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["NotAuthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
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
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
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
            202: components["responses"]["PolicyPending"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["NotAuthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidState"];
            429: components["responses"]["TooManyRequests"];
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
            202: components["responses"]["PolicyPending"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["NotAuthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidState"];
            429: components["responses"]["TooManyRequests"];
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
            202: components["responses"]["PolicyPending"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["NotAuthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["InvalidState"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
    createDelegatedRegistrationChallenge: {
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
                "application/json": components["schemas"]["DelegatedRegistrationRequest"];
            };
        };
        responses: {
            /** @description The user created, as the registration challenge addressed to them. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistrationChallenge"];
                };
            };
            202: components["responses"]["PolicyPending"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["NotAuthorized"];
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
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
            402: components["responses"]["PaymentRequired"];
            429: components["responses"]["TooManyRequests"];
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
            402: components["responses"]["PaymentRequired"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
        };
    };
}
