/*
 * layout.c: prints the layout of every public type of include/imap.h, for
 * the Python and OCaml bindings' layout tests, one fact per line, in header
 * order. The committed output for the current header is
 * tests/c/layout.expected; tests/c/run checks that a fresh run prints
 * exactly that file, and that this program covers every struct, union,
 * field, enum constant, macro and typedef that include/imap.h declares.
 *
 * Format (fields separated by one space; numbers in decimal):
 *
 *   # ...                               a comment line (only at the top)
 *   arch <pointer-bits> <endianness>    the machine, e.g. "arch 64 little"
 *   struct <name> size <n> align <a>    sizeof and alignment of struct <name>
 *   union <name> size <n> align <a>     likewise for a union
 *   field <record> <field> <offset> <size>
 *                                       offsetof and sizeof of a member of the
 *                                       struct or union printed just before
 *   typedef <name> size <n> align <a>   an enum typedef (uint32_t) or the
 *                                       callback type imap_auth_fn
 *   const <NAME> <value>                an enum constant or a macro
 *
 * "align" is the alignment of the type as a member of a struct (the C99
 * offsetof idiom, which is what a binding must reproduce; it equals C11
 * _Alignof on the platforms we build on, and differs only where _Alignof
 * of a scalar exceeds its alignment inside structs, e.g. uint64_t on i386).
 *
 * How to refresh layout.expected after a deliberate change of
 * include/imap.h (the bindings must then be updated to match):
 *
 *   make lib && tests/c/run --update-layout
 *
 * (or by hand: cc -std=c99 -Iinclude tests/c/layout.c -o layout &&
 *  ./layout > tests/c/layout.expected). When a new type, field or constant
 * is added to the header, add a RECORD/FIELD/TYPEDEF/CONST line for it at
 * the end of main (new lines are appended, so the existing lines of
 * layout.expected keep their order); tests/c/run names what is missing.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "imap.h"

#define ALIGNOF(T) offsetof(struct { char c; T t; }, t)

#define RECORD(kind, name)                                                                                          \
    printf(#kind " " #name " size %zu align %zu\n", sizeof(kind name), (size_t)ALIGNOF(kind name))

#define FIELD(kind, rec, f)                                                                                         \
    printf("field " #rec " " #f " %zu %zu\n", (size_t)offsetof(kind rec, f), sizeof(((kind rec *)0)->f))

#define TYPEDEF(name) printf("typedef " #name " size %zu align %zu\n", sizeof(name), (size_t)ALIGNOF(name))

#define CONST(name) printf("const " #name " %lld\n", (long long)(name))

int main(void) {
    const uint16_t probe = 1;
    printf("# layout of include/imap.h as the C compiler sees it (tests/c/layout.c)\n");
    printf("arch %zu %s\n", sizeof(void *) * 8, *(const uint8_t *)&probe == 1 ? "little" : "big");

    CONST(IMAP_VERSION_MAJOR);
    CONST(IMAP_VERSION_MINOR);
    CONST(IMAP_VERSION_PATCH);

    /* enum imap_error */
    CONST(IMAP_ERROR_OK);
    CONST(IMAP_ERROR_NULL_ARGUMENT);
    CONST(IMAP_ERROR_INVALID_ARGUMENT);
    CONST(IMAP_ERROR_INTERNAL);
    CONST(IMAP_ERROR_LINE_TOO_LONG);
    CONST(IMAP_ERROR_LITERAL_TOO_LARGE);
    CONST(IMAP_ERROR_RESPONSE_TOO_LARGE);
    CONST(IMAP_ERROR_UNEXPECTED_EOF);
    CONST(IMAP_ERROR_EOF);
    CONST(IMAP_ERROR_BYE_GREETING);
    CONST(IMAP_ERROR_BAD_GREETING);
    CONST(IMAP_ERROR_UNKNOWN_TAG);
    CONST(IMAP_ERROR_UNEXPECTED_CONTINUATION);
    CONST(IMAP_ERROR_STARTTLS_INJECTION);
    CONST(IMAP_ERROR_COMPRESSION);
    CONST(IMAP_ERROR_BUSY);
    CONST(IMAP_ERROR_NO_GREETING);
    CONST(IMAP_ERROR_NEEDS_AUTHENTICATOR);
    CONST(IMAP_ERROR_ENCODE);
    CONST(IMAP_ERROR_AUTH);
    CONST(IMAP_ERROR_CLOSED);
    TYPEDEF(imap_error);

    /* enum imap_step_kind */
    CONST(IMAP_STEP_KIND_AWAIT_SRC);
    CONST(IMAP_STEP_KIND_AWAIT_DST);
    CONST(IMAP_STEP_KIND_DONE);
    CONST(IMAP_STEP_KIND_UNTAGGED);
    CONST(IMAP_STEP_KIND_OK);
    CONST(IMAP_STEP_KIND_PREAUTH);
    CONST(IMAP_STEP_KIND_NO);
    CONST(IMAP_STEP_KIND_BAD);
    CONST(IMAP_STEP_KIND_STARTTLS);
    CONST(IMAP_STEP_KIND_LITERAL_BEGIN);
    CONST(IMAP_STEP_KIND_LITERAL_DATA);
    CONST(IMAP_STEP_KIND_LITERAL_END);
    CONST(IMAP_STEP_KIND_MALFORMED);
    CONST(IMAP_STEP_KIND_ERROR);
    TYPEDEF(imap_step_kind);

    /* enum imap_untagged_kind */
    CONST(IMAP_UNTAGGED_KIND_OK);
    CONST(IMAP_UNTAGGED_KIND_NO);
    CONST(IMAP_UNTAGGED_KIND_BAD);
    CONST(IMAP_UNTAGGED_KIND_BYE);
    CONST(IMAP_UNTAGGED_KIND_PREAUTH);
    CONST(IMAP_UNTAGGED_KIND_CAPABILITY);
    CONST(IMAP_UNTAGGED_KIND_ENABLED);
    CONST(IMAP_UNTAGGED_KIND_FLAGS);
    CONST(IMAP_UNTAGGED_KIND_LIST);
    CONST(IMAP_UNTAGGED_KIND_LSUB);
    CONST(IMAP_UNTAGGED_KIND_XLIST);
    CONST(IMAP_UNTAGGED_KIND_STATUS);
    CONST(IMAP_UNTAGGED_KIND_SEARCH);
    CONST(IMAP_UNTAGGED_KIND_ESEARCH);
    CONST(IMAP_UNTAGGED_KIND_SORT);
    CONST(IMAP_UNTAGGED_KIND_THREAD);
    CONST(IMAP_UNTAGGED_KIND_NAMESPACE);
    CONST(IMAP_UNTAGGED_KIND_ID);
    CONST(IMAP_UNTAGGED_KIND_QUOTA);
    CONST(IMAP_UNTAGGED_KIND_QUOTA_ROOT);
    CONST(IMAP_UNTAGGED_KIND_ACL);
    CONST(IMAP_UNTAGGED_KIND_LIST_RIGHTS);
    CONST(IMAP_UNTAGGED_KIND_MY_RIGHTS);
    CONST(IMAP_UNTAGGED_KIND_METADATA);
    CONST(IMAP_UNTAGGED_KIND_EXISTS);
    CONST(IMAP_UNTAGGED_KIND_RECENT);
    CONST(IMAP_UNTAGGED_KIND_EXPUNGE);
    CONST(IMAP_UNTAGGED_KIND_FETCH);
    CONST(IMAP_UNTAGGED_KIND_VANISHED);
    CONST(IMAP_UNTAGGED_KIND_OTHER);
    TYPEDEF(imap_untagged_kind);

    /* enum imap_code_kind */
    CONST(IMAP_CODE_KIND_ALERT);
    CONST(IMAP_CODE_KIND_BAD_CHARSET);
    CONST(IMAP_CODE_KIND_CAPABILITY);
    CONST(IMAP_CODE_KIND_PARSE);
    CONST(IMAP_CODE_KIND_PERMANENT_FLAGS);
    CONST(IMAP_CODE_KIND_READ_ONLY);
    CONST(IMAP_CODE_KIND_READ_WRITE);
    CONST(IMAP_CODE_KIND_TRY_CREATE);
    CONST(IMAP_CODE_KIND_UID_NEXT);
    CONST(IMAP_CODE_KIND_UID_VALIDITY);
    CONST(IMAP_CODE_KIND_UNSEEN);
    CONST(IMAP_CODE_KIND_APPEND_UID);
    CONST(IMAP_CODE_KIND_COPY_UID);
    CONST(IMAP_CODE_KIND_UID_NOT_STICKY);
    CONST(IMAP_CODE_KIND_HIGHEST_MOD_SEQ);
    CONST(IMAP_CODE_KIND_NO_MOD_SEQ);
    CONST(IMAP_CODE_KIND_MODIFIED);
    CONST(IMAP_CODE_KIND_CLOSED);
    CONST(IMAP_CODE_KIND_COMPRESSION_ACTIVE);
    CONST(IMAP_CODE_KIND_USE_ATTR);
    CONST(IMAP_CODE_KIND_UNAVAILABLE);
    CONST(IMAP_CODE_KIND_AUTHENTICATION_FAILED);
    CONST(IMAP_CODE_KIND_AUTHORIZATION_FAILED);
    CONST(IMAP_CODE_KIND_EXPIRED);
    CONST(IMAP_CODE_KIND_PRIVACY_REQUIRED);
    CONST(IMAP_CODE_KIND_CONTACT_ADMIN);
    CONST(IMAP_CODE_KIND_NO_PERM);
    CONST(IMAP_CODE_KIND_IN_USE);
    CONST(IMAP_CODE_KIND_EXPUNGE_ISSUED);
    CONST(IMAP_CODE_KIND_CORRUPTION);
    CONST(IMAP_CODE_KIND_SERVER_BUG);
    CONST(IMAP_CODE_KIND_CLIENT_BUG);
    CONST(IMAP_CODE_KIND_CANNOT);
    CONST(IMAP_CODE_KIND_LIMIT);
    CONST(IMAP_CODE_KIND_OVER_QUOTA);
    CONST(IMAP_CODE_KIND_ALREADY_EXISTS);
    CONST(IMAP_CODE_KIND_NON_EXISTENT);
    CONST(IMAP_CODE_KIND_NOT_SAVED);
    CONST(IMAP_CODE_KIND_HAS_CHILDREN);
    CONST(IMAP_CODE_KIND_UNKNOWN_CTE);
    CONST(IMAP_CODE_KIND_TOO_BIG);
    CONST(IMAP_CODE_KIND_BAD_URL);
    CONST(IMAP_CODE_KIND_NO_UPDATE);
    CONST(IMAP_CODE_KIND_MAILBOX_ID);
    CONST(IMAP_CODE_KIND_METADATA_LONG_ENTRIES);
    CONST(IMAP_CODE_KIND_METADATA_MAX_SIZE);
    CONST(IMAP_CODE_KIND_METADATA_TOO_MANY);
    CONST(IMAP_CODE_KIND_METADATA_NO_PRIVATE);
    CONST(IMAP_CODE_KIND_NOTIFICATION_OVERFLOW);
    CONST(IMAP_CODE_KIND_REFERRAL);
    CONST(IMAP_CODE_KIND_OTHER);
    TYPEDEF(imap_code_kind);

    /* enum imap_capability_kind */
    CONST(IMAP_CAPABILITY_KIND_IMAP4);
    CONST(IMAP_CAPABILITY_KIND_IMAP4REV1);
    CONST(IMAP_CAPABILITY_KIND_IMAP4REV2);
    CONST(IMAP_CAPABILITY_KIND_ACL);
    CONST(IMAP_CAPABILITY_KIND_APPEND_LIMIT);
    CONST(IMAP_CAPABILITY_KIND_AUTH);
    CONST(IMAP_CAPABILITY_KIND_BINARY);
    CONST(IMAP_CAPABILITY_KIND_CATENATE);
    CONST(IMAP_CAPABILITY_KIND_CHILDREN);
    CONST(IMAP_CAPABILITY_KIND_COMPRESS_DEFLATE);
    CONST(IMAP_CAPABILITY_KIND_CONDSTORE);
    CONST(IMAP_CAPABILITY_KIND_CONTEXT_SEARCH);
    CONST(IMAP_CAPABILITY_KIND_CONTEXT_SORT);
    CONST(IMAP_CAPABILITY_KIND_ENABLE);
    CONST(IMAP_CAPABILITY_KIND_ESEARCH);
    CONST(IMAP_CAPABILITY_KIND_ESORT);
    CONST(IMAP_CAPABILITY_KIND_ID);
    CONST(IMAP_CAPABILITY_KIND_IDLE);
    CONST(IMAP_CAPABILITY_KIND_LIST_EXTENDED);
    CONST(IMAP_CAPABILITY_KIND_LIST_STATUS);
    CONST(IMAP_CAPABILITY_KIND_LITERAL_PLUS);
    CONST(IMAP_CAPABILITY_KIND_LITERAL_MINUS);
    CONST(IMAP_CAPABILITY_KIND_LOGIN_DISABLED);
    CONST(IMAP_CAPABILITY_KIND_METADATA);
    CONST(IMAP_CAPABILITY_KIND_METADATA_SERVER);
    CONST(IMAP_CAPABILITY_KIND_MOVE);
    CONST(IMAP_CAPABILITY_KIND_MULTI_APPEND);
    CONST(IMAP_CAPABILITY_KIND_NAMESPACE);
    CONST(IMAP_CAPABILITY_KIND_NOTIFY);
    CONST(IMAP_CAPABILITY_KIND_OBJECT_ID);
    CONST(IMAP_CAPABILITY_KIND_PARTIAL);
    CONST(IMAP_CAPABILITY_KIND_PREVIEW);
    CONST(IMAP_CAPABILITY_KIND_QRESYNC);
    CONST(IMAP_CAPABILITY_KIND_QUOTA);
    CONST(IMAP_CAPABILITY_KIND_QUOTA_RES);
    CONST(IMAP_CAPABILITY_KIND_QUOTA_SET);
    CONST(IMAP_CAPABILITY_KIND_QUOTE);
    CONST(IMAP_CAPABILITY_KIND_SASL_IR);
    CONST(IMAP_CAPABILITY_KIND_SAVE_DATE);
    CONST(IMAP_CAPABILITY_KIND_SEARCH_RES);
    CONST(IMAP_CAPABILITY_KIND_SORT);
    CONST(IMAP_CAPABILITY_KIND_SORT_EXT);
    CONST(IMAP_CAPABILITY_KIND_SPECIAL_USE);
    CONST(IMAP_CAPABILITY_KIND_CREATE_SPECIAL_USE);
    CONST(IMAP_CAPABILITY_KIND_STARTTLS);
    CONST(IMAP_CAPABILITY_KIND_STATUS_SIZE);
    CONST(IMAP_CAPABILITY_KIND_THREAD);
    CONST(IMAP_CAPABILITY_KIND_UID_PLUS);
    CONST(IMAP_CAPABILITY_KIND_UNAUTHENTICATE);
    CONST(IMAP_CAPABILITY_KIND_UNSELECT);
    CONST(IMAP_CAPABILITY_KIND_UTF8_ACCEPT);
    CONST(IMAP_CAPABILITY_KIND_UTF8_ONLY);
    CONST(IMAP_CAPABILITY_KIND_WITHIN);
    CONST(IMAP_CAPABILITY_KIND_XLIST);
    CONST(IMAP_CAPABILITY_KIND_XOAUTH2);
    CONST(IMAP_CAPABILITY_KIND_GMAIL);
    CONST(IMAP_CAPABILITY_KIND_OTHER);
    TYPEDEF(imap_capability_kind);

    /* enum imap_flag_kind */
    CONST(IMAP_FLAG_KIND_ANSWERED);
    CONST(IMAP_FLAG_KIND_FLAGGED);
    CONST(IMAP_FLAG_KIND_DELETED);
    CONST(IMAP_FLAG_KIND_SEEN);
    CONST(IMAP_FLAG_KIND_DRAFT);
    CONST(IMAP_FLAG_KIND_RECENT);
    CONST(IMAP_FLAG_KIND_WILDCARD);
    CONST(IMAP_FLAG_KIND_KEYWORD);
    CONST(IMAP_FLAG_KIND_EXTENSION);
    CONST(IMAP_FLAG_KIND_UNPARSED);
    TYPEDEF(imap_flag_kind);

    /* enum imap_mailbox_attr_kind */
    CONST(IMAP_MAILBOX_ATTR_KIND_NOINFERIORS);
    CONST(IMAP_MAILBOX_ATTR_KIND_NOSELECT);
    CONST(IMAP_MAILBOX_ATTR_KIND_MARKED);
    CONST(IMAP_MAILBOX_ATTR_KIND_UNMARKED);
    CONST(IMAP_MAILBOX_ATTR_KIND_NON_EXISTENT);
    CONST(IMAP_MAILBOX_ATTR_KIND_SUBSCRIBED);
    CONST(IMAP_MAILBOX_ATTR_KIND_REMOTE);
    CONST(IMAP_MAILBOX_ATTR_KIND_HAS_CHILDREN);
    CONST(IMAP_MAILBOX_ATTR_KIND_HAS_NO_CHILDREN);
    CONST(IMAP_MAILBOX_ATTR_KIND_ALL);
    CONST(IMAP_MAILBOX_ATTR_KIND_ARCHIVE);
    CONST(IMAP_MAILBOX_ATTR_KIND_DRAFTS);
    CONST(IMAP_MAILBOX_ATTR_KIND_FLAGGED);
    CONST(IMAP_MAILBOX_ATTR_KIND_JUNK);
    CONST(IMAP_MAILBOX_ATTR_KIND_SENT);
    CONST(IMAP_MAILBOX_ATTR_KIND_TRASH);
    CONST(IMAP_MAILBOX_ATTR_KIND_IMPORTANT);
    CONST(IMAP_MAILBOX_ATTR_KIND_EXTENSION);
    CONST(IMAP_MAILBOX_ATTR_KIND_UNPARSED);
    TYPEDEF(imap_mailbox_attr_kind);

    /* enum imap_list_extended_kind */
    CONST(IMAP_LIST_EXTENDED_KIND_CHILD_INFO);
    CONST(IMAP_LIST_EXTENDED_KIND_OLD_NAME);
    CONST(IMAP_LIST_EXTENDED_KIND_OTHER);
    TYPEDEF(imap_list_extended_kind);

    /* enum imap_status_kind */
    CONST(IMAP_STATUS_KIND_MESSAGES);
    CONST(IMAP_STATUS_KIND_RECENT);
    CONST(IMAP_STATUS_KIND_UID_NEXT);
    CONST(IMAP_STATUS_KIND_UID_VALIDITY);
    CONST(IMAP_STATUS_KIND_UNSEEN);
    CONST(IMAP_STATUS_KIND_DELETED);
    CONST(IMAP_STATUS_KIND_SIZE);
    CONST(IMAP_STATUS_KIND_HIGHEST_MOD_SEQ);
    CONST(IMAP_STATUS_KIND_APPEND_LIMIT);
    CONST(IMAP_STATUS_KIND_MAILBOX_ID);
    CONST(IMAP_STATUS_KIND_DELETED_STORAGE);
    CONST(IMAP_STATUS_KIND_OTHER);
    TYPEDEF(imap_status_kind);

    /* enum imap_esearch_kind */
    CONST(IMAP_ESEARCH_KIND_MIN);
    CONST(IMAP_ESEARCH_KIND_MAX);
    CONST(IMAP_ESEARCH_KIND_ALL);
    CONST(IMAP_ESEARCH_KIND_COUNT);
    CONST(IMAP_ESEARCH_KIND_MOD_SEQ);
    CONST(IMAP_ESEARCH_KIND_OTHER);
    TYPEDEF(imap_esearch_kind);

    /* enum imap_fetch_kind */
    CONST(IMAP_FETCH_KIND_FLAGS);
    CONST(IMAP_FETCH_KIND_ENVELOPE);
    CONST(IMAP_FETCH_KIND_INTERNAL_DATE);
    CONST(IMAP_FETCH_KIND_RFC822_SIZE);
    CONST(IMAP_FETCH_KIND_RFC822);
    CONST(IMAP_FETCH_KIND_RFC822_HEADER);
    CONST(IMAP_FETCH_KIND_RFC822_TEXT);
    CONST(IMAP_FETCH_KIND_BODY);
    CONST(IMAP_FETCH_KIND_BODY_STRUCTURE);
    CONST(IMAP_FETCH_KIND_BODY_SECTION);
    CONST(IMAP_FETCH_KIND_BINARY);
    CONST(IMAP_FETCH_KIND_BINARY_SIZE);
    CONST(IMAP_FETCH_KIND_UID);
    CONST(IMAP_FETCH_KIND_MOD_SEQ);
    CONST(IMAP_FETCH_KIND_EMAIL_ID);
    CONST(IMAP_FETCH_KIND_THREAD_ID);
    CONST(IMAP_FETCH_KIND_SAVE_DATE);
    CONST(IMAP_FETCH_KIND_PREVIEW);
    CONST(IMAP_FETCH_KIND_GM_MSG_ID);
    CONST(IMAP_FETCH_KIND_GM_THR_ID);
    CONST(IMAP_FETCH_KIND_GM_LABELS);
    CONST(IMAP_FETCH_KIND_OTHER);
    TYPEDEF(imap_fetch_kind);

    /* enum imap_body_kind */
    CONST(IMAP_BODY_KIND_BASIC);
    CONST(IMAP_BODY_KIND_TEXT);
    CONST(IMAP_BODY_KIND_MESSAGE);
    CONST(IMAP_BODY_KIND_MULTIPART);
    TYPEDEF(imap_body_kind);

    /* enum imap_body_extension_kind */
    CONST(IMAP_BODY_EXTENSION_KIND_STRING);
    CONST(IMAP_BODY_EXTENSION_KIND_NUMBER);
    CONST(IMAP_BODY_EXTENSION_KIND_LIST);
    CONST(IMAP_BODY_EXTENSION_KIND_UNPARSED);
    TYPEDEF(imap_body_extension_kind);

    /* enum imap_section_kind */
    CONST(IMAP_SECTION_KIND_ALL);
    CONST(IMAP_SECTION_KIND_HEADER);
    CONST(IMAP_SECTION_KIND_HEADER_FIELDS);
    CONST(IMAP_SECTION_KIND_HEADER_FIELDS_NOT);
    CONST(IMAP_SECTION_KIND_TEXT);
    CONST(IMAP_SECTION_KIND_MIME);
    TYPEDEF(imap_section_kind);

    /* enum imap_event_kind */
    CONST(IMAP_EVENT_KIND_NONE);
    CONST(IMAP_EVENT_KIND_RESPONSE);
    CONST(IMAP_EVENT_KIND_MALFORMED);
    CONST(IMAP_EVENT_KIND_LITERAL_BEGIN);
    CONST(IMAP_EVENT_KIND_LITERAL_DATA);
    CONST(IMAP_EVENT_KIND_LITERAL_END);
    CONST(IMAP_EVENT_KIND_ERROR);
    TYPEDEF(imap_event_kind);

    /* enum imap_response_kind */
    CONST(IMAP_RESPONSE_KIND_UNTAGGED);
    CONST(IMAP_RESPONSE_KIND_CONTINUE);
    CONST(IMAP_RESPONSE_KIND_TAGGED);
    TYPEDEF(imap_response_kind);

    /* enum imap_status_word */
    CONST(IMAP_STATUS_WORD_OK);
    CONST(IMAP_STATUS_WORD_NO);
    CONST(IMAP_STATUS_WORD_BAD);
    TYPEDEF(imap_status_word);
    RECORD(struct, imap_limits);
    FIELD(struct, imap_limits, max_line);
    FIELD(struct, imap_limits, max_literal);
    FIELD(struct, imap_limits, max_response);
    FIELD(struct, imap_limits, max_depth);
    FIELD(struct, imap_limits, stream_threshold);
    FIELD(struct, imap_limits, max_auth_challenges);
    TYPEDEF(imap_auth_fn);
    RECORD(struct, imap_seq_range);
    FIELD(struct, imap_seq_range, start);
    FIELD(struct, imap_seq_range, end);
    RECORD(struct, imap_seq_set);
    FIELD(struct, imap_seq_set, items);
    FIELD(struct, imap_seq_set, len);
    RECORD(struct, imap_bytes);
    FIELD(struct, imap_bytes, ptr);
    FIELD(struct, imap_bytes, len);
    RECORD(struct, imap_bytes_list);
    FIELD(struct, imap_bytes_list, items);
    FIELD(struct, imap_bytes_list, len);
    RECORD(struct, imap_capability);
    FIELD(struct, imap_capability, kind);
    FIELD(struct, imap_capability, value);
    FIELD(struct, imap_capability, has_number);
    FIELD(struct, imap_capability, number);
    RECORD(struct, imap_capability_list);
    FIELD(struct, imap_capability_list, items);
    FIELD(struct, imap_capability_list, len);
    RECORD(struct, imap_flag);
    FIELD(struct, imap_flag, kind);
    FIELD(struct, imap_flag, name);
    RECORD(struct, imap_flag_list);
    FIELD(struct, imap_flag_list, items);
    FIELD(struct, imap_flag_list, len);
    RECORD(struct, imap_code_append_uid);
    FIELD(struct, imap_code_append_uid, uid_validity);
    FIELD(struct, imap_code_append_uid, uids);
    RECORD(struct, imap_code_copy_uid);
    FIELD(struct, imap_code_copy_uid, uid_validity);
    FIELD(struct, imap_code_copy_uid, source);
    FIELD(struct, imap_code_copy_uid, dest);
    RECORD(struct, imap_code_other);
    FIELD(struct, imap_code_other, name);
    FIELD(struct, imap_code_other, text);
    RECORD(union, imap_code_data);
    FIELD(union, imap_code_data, number);
    FIELD(union, imap_code_data, number64);
    FIELD(union, imap_code_data, set);
    FIELD(union, imap_code_data, text);
    FIELD(union, imap_code_data, strings);
    FIELD(union, imap_code_data, capabilities);
    FIELD(union, imap_code_data, flags);
    FIELD(union, imap_code_data, append_uid);
    FIELD(union, imap_code_data, copy_uid);
    FIELD(union, imap_code_data, other);
    RECORD(struct, imap_code);
    FIELD(struct, imap_code, kind);
    FIELD(struct, imap_code, u);
    RECORD(struct, imap_resp_text);
    FIELD(struct, imap_resp_text, code);
    FIELD(struct, imap_resp_text, text);
    RECORD(struct, imap_mailbox_attr);
    FIELD(struct, imap_mailbox_attr, kind);
    FIELD(struct, imap_mailbox_attr, name);
    RECORD(struct, imap_list_extended);
    FIELD(struct, imap_list_extended, kind);
    FIELD(struct, imap_list_extended, tag);
    FIELD(struct, imap_list_extended, values);
    RECORD(struct, imap_list);
    FIELD(struct, imap_list, attributes);
    FIELD(struct, imap_list, attributes_len);
    FIELD(struct, imap_list, has_delimiter);
    FIELD(struct, imap_list, delimiter);
    FIELD(struct, imap_list, name);
    FIELD(struct, imap_list, extended);
    FIELD(struct, imap_list, extended_len);
    RECORD(struct, imap_status_item);
    FIELD(struct, imap_status_item, kind);
    FIELD(struct, imap_status_item, has_number);
    FIELD(struct, imap_status_item, number);
    FIELD(struct, imap_status_item, name);
    FIELD(struct, imap_status_item, text);
    RECORD(struct, imap_status);
    FIELD(struct, imap_status, mailbox);
    FIELD(struct, imap_status, items);
    FIELD(struct, imap_status, len);
    RECORD(struct, imap_u32_list);
    FIELD(struct, imap_u32_list, items);
    FIELD(struct, imap_u32_list, len);
    RECORD(struct, imap_search);
    FIELD(struct, imap_search, ids);
    FIELD(struct, imap_search, has_modseq);
    FIELD(struct, imap_search, modseq);
    RECORD(struct, imap_esearch_item);
    FIELD(struct, imap_esearch_item, kind);
    FIELD(struct, imap_esearch_item, number);
    FIELD(struct, imap_esearch_item, set);
    FIELD(struct, imap_esearch_item, name);
    FIELD(struct, imap_esearch_item, value);
    RECORD(struct, imap_esearch);
    FIELD(struct, imap_esearch, tag);
    FIELD(struct, imap_esearch, uid);
    FIELD(struct, imap_esearch, items);
    FIELD(struct, imap_esearch, len);
    RECORD(struct, imap_thread);
    FIELD(struct, imap_thread, members);
    FIELD(struct, imap_thread, children);
    FIELD(struct, imap_thread, children_len);
    RECORD(struct, imap_thread_list);
    FIELD(struct, imap_thread_list, items);
    FIELD(struct, imap_thread_list, len);
    RECORD(struct, imap_namespace_desc);
    FIELD(struct, imap_namespace_desc, prefix);
    FIELD(struct, imap_namespace_desc, has_delimiter);
    FIELD(struct, imap_namespace_desc, delimiter);
    FIELD(struct, imap_namespace_desc, extensions);
    FIELD(struct, imap_namespace_desc, extensions_len);
    RECORD(struct, imap_namespace_list);
    FIELD(struct, imap_namespace_list, is_nil);
    FIELD(struct, imap_namespace_list, items);
    FIELD(struct, imap_namespace_list, len);
    RECORD(struct, imap_namespace);
    FIELD(struct, imap_namespace, personal);
    FIELD(struct, imap_namespace, other);
    FIELD(struct, imap_namespace, shared);
    RECORD(struct, imap_pair);
    FIELD(struct, imap_pair, name);
    FIELD(struct, imap_pair, value);
    RECORD(struct, imap_pair_list);
    FIELD(struct, imap_pair_list, items);
    FIELD(struct, imap_pair_list, len);
    RECORD(struct, imap_id);
    FIELD(struct, imap_id, is_nil);
    FIELD(struct, imap_id, fields);
    RECORD(struct, imap_quota_resource);
    FIELD(struct, imap_quota_resource, name);
    FIELD(struct, imap_quota_resource, usage);
    FIELD(struct, imap_quota_resource, limit);
    RECORD(struct, imap_quota);
    FIELD(struct, imap_quota, root);
    FIELD(struct, imap_quota, items);
    FIELD(struct, imap_quota, len);
    RECORD(struct, imap_mailbox_data);
    FIELD(struct, imap_mailbox_data, mailbox);
    FIELD(struct, imap_mailbox_data, strings);
    FIELD(struct, imap_mailbox_data, pairs);
    FIELD(struct, imap_mailbox_data, changed);
    RECORD(struct, imap_address);
    FIELD(struct, imap_address, name);
    FIELD(struct, imap_address, adl);
    FIELD(struct, imap_address, mailbox);
    FIELD(struct, imap_address, host);
    FIELD(struct, imap_address, unparsed);
    RECORD(struct, imap_address_list);
    FIELD(struct, imap_address_list, items);
    FIELD(struct, imap_address_list, len);
    RECORD(struct, imap_envelope);
    FIELD(struct, imap_envelope, date);
    FIELD(struct, imap_envelope, subject);
    FIELD(struct, imap_envelope, from);
    FIELD(struct, imap_envelope, sender);
    FIELD(struct, imap_envelope, reply_to);
    FIELD(struct, imap_envelope, to);
    FIELD(struct, imap_envelope, cc);
    FIELD(struct, imap_envelope, bcc);
    FIELD(struct, imap_envelope, in_reply_to);
    FIELD(struct, imap_envelope, message_id);
    RECORD(struct, imap_date_time);
    FIELD(struct, imap_date_time, year);
    FIELD(struct, imap_date_time, month);
    FIELD(struct, imap_date_time, day);
    FIELD(struct, imap_date_time, hour);
    FIELD(struct, imap_date_time, minute);
    FIELD(struct, imap_date_time, second);
    FIELD(struct, imap_date_time, zone_minutes);
    RECORD(struct, imap_disposition);
    FIELD(struct, imap_disposition, kind);
    FIELD(struct, imap_disposition, params);
    RECORD(struct, imap_body_extension);
    FIELD(struct, imap_body_extension, kind);
    FIELD(struct, imap_body_extension, string);
    FIELD(struct, imap_body_extension, number);
    FIELD(struct, imap_body_extension, items);
    FIELD(struct, imap_body_extension, len);
    RECORD(struct, imap_body);
    FIELD(struct, imap_body, kind);
    FIELD(struct, imap_body, media_type);
    FIELD(struct, imap_body, subtype);
    FIELD(struct, imap_body, params);
    FIELD(struct, imap_body, id);
    FIELD(struct, imap_body, description);
    FIELD(struct, imap_body, encoding);
    FIELD(struct, imap_body, octets);
    FIELD(struct, imap_body, lines);
    FIELD(struct, imap_body, envelope);
    FIELD(struct, imap_body, body);
    FIELD(struct, imap_body, parts);
    FIELD(struct, imap_body, parts_len);
    FIELD(struct, imap_body, has_extension);
    FIELD(struct, imap_body, md5);
    FIELD(struct, imap_body, disposition);
    FIELD(struct, imap_body, language);
    FIELD(struct, imap_body, location);
    FIELD(struct, imap_body, extensions);
    FIELD(struct, imap_body, extensions_len);
    RECORD(struct, imap_section);
    FIELD(struct, imap_section, part);
    FIELD(struct, imap_section, kind);
    FIELD(struct, imap_section, fields);
    RECORD(struct, imap_fetch_section);
    FIELD(struct, imap_fetch_section, section);
    FIELD(struct, imap_fetch_section, has_origin);
    FIELD(struct, imap_fetch_section, origin);
    FIELD(struct, imap_fetch_section, data);
    RECORD(struct, imap_fetch_binary_size);
    FIELD(struct, imap_fetch_binary_size, part);
    FIELD(struct, imap_fetch_binary_size, size);
    RECORD(struct, imap_fetch_save_date);
    FIELD(struct, imap_fetch_save_date, present);
    FIELD(struct, imap_fetch_save_date, date_time);
    RECORD(union, imap_fetch_data);
    FIELD(union, imap_fetch_data, flags);
    FIELD(union, imap_fetch_data, envelope);
    FIELD(union, imap_fetch_data, date_time);
    FIELD(union, imap_fetch_data, number);
    FIELD(union, imap_fetch_data, number64);
    FIELD(union, imap_fetch_data, data);
    FIELD(union, imap_fetch_data, body);
    FIELD(union, imap_fetch_data, section);
    FIELD(union, imap_fetch_data, binary_size);
    FIELD(union, imap_fetch_data, save_date);
    FIELD(union, imap_fetch_data, labels);
    FIELD(union, imap_fetch_data, other);
    RECORD(struct, imap_fetch_item);
    FIELD(struct, imap_fetch_item, kind);
    FIELD(struct, imap_fetch_item, u);
    RECORD(struct, imap_fetch);
    FIELD(struct, imap_fetch, seq);
    FIELD(struct, imap_fetch, items);
    FIELD(struct, imap_fetch, len);
    RECORD(struct, imap_vanished);
    FIELD(struct, imap_vanished, earlier);
    FIELD(struct, imap_vanished, uids);
    RECORD(struct, imap_other);
    FIELD(struct, imap_other, has_number);
    FIELD(struct, imap_other, number);
    FIELD(struct, imap_other, name);
    FIELD(struct, imap_other, rest);
    RECORD(union, imap_untagged_data);
    FIELD(union, imap_untagged_data, text);
    FIELD(union, imap_untagged_data, capabilities);
    FIELD(union, imap_untagged_data, flags);
    FIELD(union, imap_untagged_data, list);
    FIELD(union, imap_untagged_data, status);
    FIELD(union, imap_untagged_data, search);
    FIELD(union, imap_untagged_data, esearch);
    FIELD(union, imap_untagged_data, thread);
    FIELD(union, imap_untagged_data, namespace_);
    FIELD(union, imap_untagged_data, id);
    FIELD(union, imap_untagged_data, quota);
    FIELD(union, imap_untagged_data, mailbox_data);
    FIELD(union, imap_untagged_data, number);
    FIELD(union, imap_untagged_data, fetch);
    FIELD(union, imap_untagged_data, vanished);
    FIELD(union, imap_untagged_data, other);
    RECORD(struct, imap_untagged);
    FIELD(struct, imap_untagged, kind);
    FIELD(struct, imap_untagged, u);
    RECORD(struct, imap_literal_begin);
    FIELD(struct, imap_literal_begin, has_seq);
    FIELD(struct, imap_literal_begin, seq);
    FIELD(struct, imap_literal_begin, item);
    FIELD(struct, imap_literal_begin, size);
    FIELD(struct, imap_literal_begin, prefix);
    RECORD(struct, imap_malformed);
    FIELD(struct, imap_malformed, offset);
    FIELD(struct, imap_malformed, raw);
    FIELD(struct, imap_malformed, error_offset);
    RECORD(union, imap_step_data);
    FIELD(union, imap_step_data, untagged);
    FIELD(union, imap_step_data, text);
    FIELD(union, imap_step_data, literal_begin);
    FIELD(union, imap_step_data, literal_data);
    FIELD(union, imap_step_data, malformed);
    RECORD(struct, imap_step);
    FIELD(struct, imap_step, kind);
    FIELD(struct, imap_step, error);
    FIELD(struct, imap_step, u);
    RECORD(struct, imap_response);
    FIELD(struct, imap_response, kind);
    FIELD(struct, imap_response, tag);
    FIELD(struct, imap_response, status);
    FIELD(struct, imap_response, text);
    FIELD(struct, imap_response, untagged);
    RECORD(union, imap_event_data);
    FIELD(union, imap_event_data, response);
    FIELD(union, imap_event_data, malformed);
    FIELD(union, imap_event_data, literal_begin);
    FIELD(union, imap_event_data, literal_data);
    RECORD(struct, imap_event);
    FIELD(struct, imap_event, kind);
    FIELD(struct, imap_event, error);
    FIELD(struct, imap_event, u);

    /* Added with the command constructors: appended here so that the lines
     * above keep their order in layout.expected. */
    TYPEDEF(imap_fetch_macro);
    TYPEDEF(imap_fetch_attr);
    TYPEDEF(imap_store_mode);
    RECORD(struct, imap_qresync);
    FIELD(struct, imap_qresync, uid_validity);
    FIELD(struct, imap_qresync, mod_seq);
    FIELD(struct, imap_qresync, known_uids);
    FIELD(struct, imap_qresync, match_seqs);
    FIELD(struct, imap_qresync, match_uids);
    TYPEDEF(imap_list_select);
    TYPEDEF(imap_list_return);
    TYPEDEF(imap_acl_mode);
    TYPEDEF(imap_metadata_depth);
    TYPEDEF(imap_print_format);
    RECORD(struct, imap_date);
    FIELD(struct, imap_date, year);
    FIELD(struct, imap_date, month);
    FIELD(struct, imap_date, day);
    TYPEDEF(imap_entry_type);
    TYPEDEF(imap_search_return);
    TYPEDEF(imap_sort_criterion);
    CONST(IMAP_FETCH_ATTR_ENVELOPE);
    CONST(IMAP_FETCH_ATTR_FLAGS);
    CONST(IMAP_FETCH_ATTR_INTERNAL_DATE);
    CONST(IMAP_FETCH_ATTR_RFC822);
    CONST(IMAP_FETCH_ATTR_RFC822_HEADER);
    CONST(IMAP_FETCH_ATTR_RFC822_TEXT);
    CONST(IMAP_FETCH_ATTR_RFC822_SIZE);
    CONST(IMAP_FETCH_ATTR_BODY);
    CONST(IMAP_FETCH_ATTR_BODYSTRUCTURE);
    CONST(IMAP_FETCH_ATTR_UID);
    CONST(IMAP_FETCH_ATTR_MODSEQ);
    CONST(IMAP_FETCH_ATTR_GM_MSGID);
    CONST(IMAP_FETCH_ATTR_GM_THRID);
    CONST(IMAP_FETCH_ATTR_GM_LABELS);
    CONST(IMAP_FETCH_ATTR_EMAIL_ID);
    CONST(IMAP_FETCH_ATTR_THREAD_ID);
    CONST(IMAP_FETCH_ATTR_SAVE_DATE);
    CONST(IMAP_FETCH_ATTR_PREVIEW);
    CONST(IMAP_FETCH_ATTR_PREVIEW_LAZY);
    CONST(IMAP_FETCH_MACRO_ALL);
    CONST(IMAP_FETCH_MACRO_FAST);
    CONST(IMAP_FETCH_MACRO_FULL);
    CONST(IMAP_PRINT_SEXP);
    CONST(IMAP_PRINT_JSON);
    CONST(IMAP_STORE_MODE_SET);
    CONST(IMAP_STORE_MODE_ADD);
    CONST(IMAP_STORE_MODE_REMOVE);
    CONST(IMAP_LIST_SELECT_SUBSCRIBED);
    CONST(IMAP_LIST_SELECT_REMOTE);
    CONST(IMAP_LIST_SELECT_RECURSIVE_MATCH);
    CONST(IMAP_LIST_SELECT_SPECIAL_USE);
    CONST(IMAP_LIST_RETURN_SUBSCRIBED);
    CONST(IMAP_LIST_RETURN_CHILDREN);
    CONST(IMAP_LIST_RETURN_SPECIAL_USE);
    CONST(IMAP_ACL_MODE_SET);
    CONST(IMAP_ACL_MODE_ADD);
    CONST(IMAP_ACL_MODE_REMOVE);
    CONST(IMAP_METADATA_DEPTH_DEFAULT);
    CONST(IMAP_METADATA_DEPTH_0);
    CONST(IMAP_METADATA_DEPTH_1);
    CONST(IMAP_METADATA_DEPTH_INFINITY);
    CONST(IMAP_ENTRY_TYPE_PRIV);
    CONST(IMAP_ENTRY_TYPE_SHARED);
    CONST(IMAP_ENTRY_TYPE_ALL);
    CONST(IMAP_SEARCH_RETURN_MIN);
    CONST(IMAP_SEARCH_RETURN_MAX);
    CONST(IMAP_SEARCH_RETURN_ALL);
    CONST(IMAP_SEARCH_RETURN_COUNT);
    CONST(IMAP_SEARCH_RETURN_SAVE);
    CONST(IMAP_SORT_ARRIVAL);
    CONST(IMAP_SORT_CC);
    CONST(IMAP_SORT_DATE);
    CONST(IMAP_SORT_FROM);
    CONST(IMAP_SORT_SIZE);
    CONST(IMAP_SORT_SUBJECT);
    CONST(IMAP_SORT_TO);
    CONST(IMAP_SORT_DISPLAY_FROM);
    CONST(IMAP_SORT_DISPLAY_TO);
    CONST(IMAP_SORT_REVERSE);
    return 0;
}
