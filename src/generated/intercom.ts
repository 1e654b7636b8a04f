// Generated from openapi/intercom.yaml by openapi-typescript (npm run generate). Do not edit.

export interface paths {
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version to use; without it, the app's configured version applies. */
                "Intercom-Version"?: components["parameters"]["IntercomVersion"];
            };
            path: {
                /** @description The user's Intercom id (24 hexadecimal characters in the documents). */
                id: components["parameters"]["IntercomId"];
            };
            cookie?: never;
        };
        /** View a user by Intercom id */
        get: operations["viewUserById"];
        put?: never;
        post?: never;
        /**
         * Archive a user by Intercom id
         * @description Soft-deletes the user addressed by Intercom's own id and archives their conversations and
         *     message history. Returns the full User object of the archived user.
         *
         *     The documented example archives `/users/5321a20f72cdbb4192000013` but shows a response
         *     with id `5714dd359a3fd47136000001`: an inconsistency of the original document.
         */
        delete: operations["archiveUserById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version to use; without it, the app's configured version applies. */
                "Intercom-Version"?: components["parameters"]["IntercomVersion"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * View a user by user_id, users by email, or list users
         * @description With `user_id`: that user (a User object). With `email` (API 1.1+): a `user.list` of the
         *     users holding that address, `total_count: 0` when none does (not a 404). With neither:
         *     the `user.list` of all users.
         */
        get: operations["viewUsers"];
        put?: never;
        /**
         * Create or update a user
         * @description Looks the user up by `id`, then `user_id`, then `email`; updates the match or creates a new
         *     user. Re-adding an archived user (same `user_id` or `email`) unarchives them and restores
         *     their data.
         */
        post: operations["createOrUpdateUser"];
        /**
         * Archive a user by email or user_id
         * @description Soft-deletes the user addressed by `email` or `user_id` in the query and archives their
         *     conversations and message history. Returns the full User object of the archived user.
         *
         *     The documents are silent on a request with neither identifier or with both, and on an
         *     unknown user; such answers must be one of the responses listed here.
         *     The documented e-mail example archives `wash@example.com` but shows a response for
         *     `email@example.com`: an inconsistency of the original document.
         */
        delete: operations["archiveUserByQuery"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user_delete_requests": {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version to use; without it, the app's configured version applies. */
                "Intercom-Version"?: components["parameters"]["IntercomVersion"];
            };
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Permanently delete a user
         * @description Irreversibly deletes the user and their data. Returns the id of the deletion request.
         */
        post: operations["permanentlyDeleteUser"];
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
        NullableString: string | null;
        /**
         * @description An Intercom user (API 1.x). The original document shows eight fields of every archive
         *     response and truncates the rest ("Full User objects are returned"): those eight are
         *     required here, the others are typed so that a full object is checked field by field.
         *     Further fields are allowed, as Intercom adds them over time.
         */
        User: {
            /** @constant */
            type: "user";
            /** @description Intercom's own id. */
            id: string;
            /** @description The id you have defined for the user. */
            user_id: string | null;
            /** @description Stored lower-cased. */
            email: string | null;
            phone: components["schemas"]["NullableString"];
            name: components["schemas"]["NullableString"];
            pseudonym: components["schemas"]["NullableString"];
            /** @description Always false for users. */
            anonymous: boolean;
            avatar?: components["schemas"]["Avatar"];
            app_id?: string;
            companies?: components["schemas"]["CompanyList"];
            location_data?: components["schemas"]["LocationData"];
            last_request_at?: components["schemas"]["NullableTimestamp"];
            created_at?: components["schemas"]["Timestamp"];
            remote_created_at?: components["schemas"]["NullableTimestamp"];
            signed_up_at?: components["schemas"]["NullableTimestamp"];
            updated_at?: components["schemas"]["Timestamp"];
            /** Format: int32 */
            session_count?: number;
            social_profiles?: components["schemas"]["SocialProfileList"];
            owner_id?: string | number | null;
            unsubscribed_from_emails?: boolean;
            marked_email_as_spam?: boolean;
            has_hard_bounced?: boolean;
            tags?: components["schemas"]["TagList"];
            segments?: components["schemas"]["SegmentList"];
            custom_attributes?: components["schemas"]["CustomAttributes"];
            referrer?: components["schemas"]["NullableString"];
            utm_campaign?: components["schemas"]["NullableString"];
            utm_content?: components["schemas"]["NullableString"];
            utm_medium?: components["schemas"]["NullableString"];
            utm_source?: components["schemas"]["NullableString"];
            utm_term?: components["schemas"]["NullableString"];
            do_not_track?: boolean | null;
            /** @description Always null from API 1.2 on (personal data removed). */
            last_seen_ip?: string | null;
            /** @description Always null from API 1.2 on (personal data removed). */
            user_agent_data?: string | null;
        };
        /**
         * Format: int32
         * @description Unix seconds.
         */
        Timestamp: number;
        /**
         * Format: int32
         * @description Unix seconds.
         */
        NullableTimestamp: number | null;
        Avatar: {
            /** @constant */
            type: "avatar";
            image_url?: components["schemas"]["NullableString"];
        };
        CompanyList: {
            /** @constant */
            type: "company.list";
            companies: components["schemas"]["Company"][];
        };
        /** @description `type` is not required: the example user object of Intercom's 1.0 and 1.1 user model (https://developers.intercom.com/docs/references/1.1/rest-api/users/user-model) lists companies as `{"id": …}` only without it. */
        Company: {
            /** @constant */
            type?: "company";
            id: string;
            company_id?: components["schemas"]["NullableString"];
            name?: components["schemas"]["NullableString"];
        };
        /** @description All fields optional; may be `{}`. */
        LocationData: {
            /** @constant */
            type?: "location_data";
            city_name?: components["schemas"]["NullableString"];
            continent_code?: components["schemas"]["NullableString"];
            country_code?: components["schemas"]["NullableString"];
            country_name?: components["schemas"]["NullableString"];
            postal_code?: components["schemas"]["NullableString"];
            region_name?: components["schemas"]["NullableString"];
            timezone?: components["schemas"]["NullableString"];
            latitude?: number | null;
            longitude?: number | null;
        };
        SocialProfileList: {
            /** @constant */
            type: "social_profile.list";
            social_profiles: components["schemas"]["SocialProfile"][];
        };
        /** @description `type` is not required: the example user object of Intercom's 1.0 and 1.1 user model (https://developers.intercom.com/docs/references/1.1/rest-api/users/user-model) lists social profiles without it. */
        SocialProfile: {
            /** @constant */
            type?: "social_profile";
            name?: components["schemas"]["NullableString"];
            username?: components["schemas"]["NullableString"];
            url?: components["schemas"]["NullableString"];
            id?: components["schemas"]["NullableString"];
        };
        TagList: {
            /** @constant */
            type: "tag.list";
            tags: components["schemas"]["Tag"][];
        };
        /** @description `type` is not required: the example user object of Intercom's 1.0 and 1.1 user model (https://developers.intercom.com/docs/references/1.1/rest-api/users/user-model) lists tags as `{"id": …}` only without it. */
        Tag: {
            /** @constant */
            type?: "tag";
            id: string;
            name?: string;
        };
        /** @description Being deprecated. */
        SegmentList: {
            /** @constant */
            type: "segment.list";
            segments: components["schemas"]["Segment"][];
        };
        /** @description `type` is not required: the example user object of Intercom's 1.0 and 1.1 user model (https://developers.intercom.com/docs/references/1.1/rest-api/users/user-model) lists segments as `{"id": …}` only without it. */
        Segment: {
            /** @constant */
            type?: "segment";
            id: string;
        };
        CustomAttributes: {
            [key: string]: string | number | boolean | null;
        };
        UserList: {
            /** @constant */
            type: "user.list";
            /** Format: int32 */
            total_count: number;
            pages: components["schemas"]["Pages"];
            users: components["schemas"]["User"][];
        };
        /** @description No field is required: the example list of users of Intercom's 1.0 and 1.1 user model (https://developers.intercom.com/docs/references/1.1/rest-api/users/user-model) shows `"pages": {}`. */
        Pages: {
            /** @constant */
            type?: "pages";
            next?: components["schemas"]["NullableString"];
            /** Format: int32 */
            page?: number;
            /** Format: int32 */
            per_page?: number;
            /** Format: int32 */
            total_pages?: number;
        };
        /** @description The user's attributes, with `user_id` or `email` (or both). */
        CreateOrUpdateUserRequest: (components["schemas"]["UserAttributes"] & unknown) | (components["schemas"]["UserAttributes"] & unknown);
        /** @description What create-or-update sets; the lookup goes by `id`, then `user_id`, then `email`. */
        UserAttributes: {
            id?: string;
            user_id?: string;
            email?: string;
            phone?: components["schemas"]["NullableString"];
            name?: components["schemas"]["NullableString"];
            signed_up_at?: components["schemas"]["NullableTimestamp"];
            last_request_at?: components["schemas"]["NullableTimestamp"];
            custom_attributes?: components["schemas"]["CustomAttributes"];
            companies?: {
                company_id: string;
                name?: string;
            }[];
            unsubscribed_from_emails?: boolean;
            update_last_request_at?: boolean;
            new_session?: boolean;
        };
        PermanentDeleteRequest: {
            /** @description The Intercom id of the user to delete. */
            intercom_user_id: string;
        };
        PermanentDeleteResponse: {
            /** @description The id of the deletion request (an integer in the documents). */
            id: number;
        };
        /**
         * @description Intercom's error envelope. As in Intercom's own published description (schema `error`),
         *     only `type` and `errors` are required: `request_id` may be absent or null, and it is not
         *     always a UUID (intercom-node's captured 401 carries `b2i3ri5909msvfqskol0`). Each error
         *     needs its machine-readable `code`; `message` (human wording, never compared strictly) and
         *     `field` are optional and nullable. Source: github.com/intercom/Intercom-OpenAPI,
         *     descriptions/2.7/api.intercom.io.yaml, components.schemas.error (commit
         *     8889625a7b931d8649e18726e7f872ff073520fc; the same in every later version).
         */
        ErrorList: {
            /** @constant */
            type: "error.list";
            request_id?: string | null;
            /** @description One or more errors ("An array of one or more error objects"). */
            errors: components["schemas"]["Error"][];
        };
        Error: {
            /** @description Machine-readable; qualifies the HTTP status. */
            code: string;
            /** @description Optional human-readable wording; it varies and is never part of the contract. */
            message?: string | null;
            /** @description Optional; the field or query parameter in error. */
            field?: string | null;
        };
        /** @description The error envelope with one of the authentication error codes. Lenient like `ErrorList`, strict on the code. */
        UnauthorizedErrorList: {
            /** @constant */
            type: "error.list";
            request_id?: string | null;
            errors: {
                /** @enum {unknown} */
                code: "unauthorized" | "token_unauthorized" | "token_not_found" | "token_revoked" | "token_blocked" | "token_expired" | "token_suspended" | "missing_authorization";
                message?: string | null;
                field?: string | null;
            }[];
        };
        /** @description The error envelope with the `not_found` code. Lenient like `ErrorList`, strict on the code. */
        NotFoundErrorList: {
            /** @constant */
            type: "error.list";
            request_id?: string | null;
            errors: {
                /** @constant */
                code: "not_found";
                message?: string | null;
                field?: string | null;
            }[];
        };
        /** @description The error envelope with the `rate_limit_exceeded` code. Lenient like `ErrorList`, strict on the code. */
        RateLimitErrorList: {
            /** @constant */
            type: "error.list";
            request_id?: string | null;
            errors: {
                /** @constant */
                code: "rate_limit_exceeded";
                message?: string | null;
                field?: string | null;
            }[];
        };
    };
    responses: {
        /** @description A User object. */
        UserOk: {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["User"];
            };
        };
        /** @description The request is malformed (a missing or invalid parameter or body). */
        BadRequest: {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorList"];
            };
        };
        /** @description No access token, or one that is not valid. */
        Unauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWW-Authenticate"];
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["UnauthorizedErrorList"];
            };
        };
        /** @description No (unarchived) user matches. */
        UserNotFound: {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["NotFoundErrorList"];
            };
        };
        /** @description The request did not accept `application/json`. */
        NotAcceptable: {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorList"];
            };
        };
        /** @description Several users share the e-mail address given. */
        Conflict: {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorList"];
            };
        };
        /** @description The token's rate limit is spent until `X-RateLimit-Reset`. */
        RateLimited: {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["RateLimitErrorList"];
            };
        };
        /**
         * @description Any other 4xx. Intercom's HTTP responses page lists the statuses it often uses (402, 403,
         *     405, 408, 415, 422 … besides those documented per operation), says the API may use others,
         *     and that 4xx responses may be returned for any request. The body is still the error
         *     envelope with a machine-readable `code`; which code is Intercom's choice (its published
         *     descriptions use 403 `api_plan_restricted`, for instance). The statuses an operation lists
         *     explicitly keep their own, stricter responses.
         */
        OtherClientError: {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorList"];
            };
        };
        /**
         * @description A 5xx: Intercom's HTTP responses page says 500, 502, 503 and 504 may be returned for any
         *     request (momentary operational errors, to be retried once). Documented so that its body is
         *     checked as the error envelope; a conformance run still reports a 5xx as a failure of the
         *     implementation under test.
         */
        ServerError: {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorList"];
            };
        };
    };
    parameters: {
        /** @description The user's Intercom id (24 hexadecimal characters in the documents). */
        IntercomId: string;
        /** @description The user id you have defined for the user. */
        UserIdQuery: string;
        /** @description The email you have defined for the user. */
        EmailQuery: string;
        /** @description The API version to use; without it, the app's configured version applies. */
        IntercomVersion: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description Requests allowed per rate-limit window. Not guaranteed on every response: Intercom's
         *     rate-limiting page (API 1.x) says some responses carry no rate-limit headers (when the
         *     window's counters have expired), and its 2.x page says they are not sent when the request
         *     has no valid credentials. A client must cope with their absence, so they are optional here.
         * @example 500
         */
        "X-RateLimit-Limit": number;
        /**
         * @description Requests left in the current window (optional, see `X-RateLimit-Limit`).
         * @example 499
         */
        "X-RateLimit-Remaining": number;
        /**
         * @description When the current window resets, in Unix seconds (optional, see `X-RateLimit-Limit`).
         * @example 1460985201
         */
        "X-RateLimit-Reset": number;
        /**
         * @description An authentication challenge a 401 may carry. Optional: one captured 401 carried
         *     `Basic realm="intercom.io"`, but the 401 captured in intercom-node's tests (with
         *     `X-Request-Id` and `X-Runtime` headers) has none, and no published Intercom description
         *     documents it. When present it must not be empty.
         * @example Basic realm="intercom.io"
         */
        "WWW-Authenticate": string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    viewUserById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version to use; without it, the app's configured version applies. */
                "Intercom-Version"?: components["parameters"]["IntercomVersion"];
            };
            path: {
                /** @description The user's Intercom id (24 hexadecimal characters in the documents). */
                id: components["parameters"]["IntercomId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["UserOk"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["UserNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
            "4XX": components["responses"]["OtherClientError"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    archiveUserById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version to use; without it, the app's configured version applies. */
                "Intercom-Version"?: components["parameters"]["IntercomVersion"];
            };
            path: {
                /** @description The user's Intercom id (24 hexadecimal characters in the documents). */
                id: components["parameters"]["IntercomId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The archived user (the full User object). */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["UserNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
            "4XX": components["responses"]["OtherClientError"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    viewUsers: {
        parameters: {
            query?: {
                /** @description The user id you have defined for the user. */
                user_id?: components["parameters"]["UserIdQuery"];
                /** @description The email you have defined for the user. */
                email?: components["parameters"]["EmailQuery"];
            };
            header?: {
                /** @description The API version to use; without it, the app's configured version applies. */
                "Intercom-Version"?: components["parameters"]["IntercomVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One user (by `user_id`) or a list of users (by `email`, or no query). */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"] | components["schemas"]["UserList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["UserNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
            "4XX": components["responses"]["OtherClientError"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    createOrUpdateUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version to use; without it, the app's configured version applies. */
                "Intercom-Version"?: components["parameters"]["IntercomVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrUpdateUserRequest"];
            };
        };
        responses: {
            200: components["responses"]["UserOk"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            "4XX": components["responses"]["OtherClientError"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    archiveUserByQuery: {
        parameters: {
            query?: {
                /** @description The user id you have defined for the user. */
                user_id?: components["parameters"]["UserIdQuery"];
                /** @description The email you have defined for the user. */
                email?: components["parameters"]["EmailQuery"];
            };
            header?: {
                /** @description The API version to use; without it, the app's configured version applies. */
                "Intercom-Version"?: components["parameters"]["IntercomVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The archived user (the full User object). */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["UserNotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            "4XX": components["responses"]["OtherClientError"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    permanentlyDeleteUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description The API version to use; without it, the app's configured version applies. */
                "Intercom-Version"?: components["parameters"]["IntercomVersion"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PermanentDeleteRequest"];
            };
        };
        responses: {
            /** @description The deletion request was accepted. */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PermanentDeleteResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["UserNotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["RateLimited"];
            "4XX": components["responses"]["OtherClientError"];
            "5XX": components["responses"]["ServerError"];
        };
    };
}
