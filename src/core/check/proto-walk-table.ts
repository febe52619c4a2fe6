/**
 * What of the KFP protos' descriptors the proto3-JSON walk (proto-json-accepts.ts) reads, as a
 * compact table made at build time (scripts/precompile-checkers.ts) from the registry bufbuild
 * builds. Setting that registry up costs ~10–25 ms of a cold check, and a spec
 * that is fine (nearly all) needs no more than the walk: the registry is built only when the walk
 * cannot vouch for a spec and bufbuild must parse it (kfp-v2-proto.ts). The messages made from the
 * table read exactly like bufbuild's own descriptors to the walk (proto-walk-table.test.ts).
 */
import type { FileRegistry, ScalarType } from '@bufbuild/protobuf';

type Kind = 'scalar' | 'enum' | 'message';
const KINDS: readonly Kind[] = ['scalar', 'enum', 'message'];
const FIELD_KINDS = ['scalar', 'enum', 'message', 'list', 'map'] as const;

export interface WalkEnum {
  readonly typeName: string;
  readonly values: readonly { readonly name: string; readonly number: number }[];
}

/** The members of bufbuild's DescField the walk reads (bufbuild's descriptors are WalkMessages too). */
export interface WalkField {
  readonly name: string;
  readonly jsonName: string;
  /** Compared by identity: fields of one oneof share it. */
  readonly oneof: object | undefined;
  readonly fieldKind: (typeof FIELD_KINDS)[number];
  readonly scalar?: ScalarType;
  readonly enum?: WalkEnum;
  readonly message?: WalkMessage;
  readonly listKind?: Kind;
  readonly mapKind?: Kind;
  readonly mapKey?: ScalarType;
}

export interface WalkMessage {
  readonly typeName: string;
  readonly fields: readonly WalkField[];
  readonly oneofs: readonly object[];
}

/** A field: name, JSON name, oneof index (-1: none), kind, element kind (list/map), scalar type, enum/message index (-1), map key type. */
type FieldRow = [string, string, number, number, number, number, number, number];
export interface WalkTable {
  /** Type name, number of oneofs, fields. */
  messages: Array<[string, number, FieldRow[]]>;
  /** Type name, values (name, number). */
  enums: Array<[string, Array<[string, number]>]>;
}

/** The table of every message and enum of `registry` (at build time). */
export function walkTable(registry: FileRegistry): WalkTable {
  const messages = [...registry].filter((type) => type.kind === 'message');
  const enums = [...registry].filter((type) => type.kind === 'enum');
  const messageIndex = new Map(messages.map((m, i) => [m.typeName, i]));
  const enumIndex = new Map(enums.map((e, i) => [e.typeName, i]));
  return {
    messages: messages.map((message) => [
      message.typeName,
      message.oneofs.length,
      message.fields.map((field): FieldRow => {
        const element = field.fieldKind === 'list' ? field.listKind : field.fieldKind === 'map' ? field.mapKind : field.fieldKind;
        const ref = element === 'enum' ? enumIndex.get(field.enum!.typeName)! : element === 'message' ? messageIndex.get(field.message!.typeName)! : -1;
        return [
          field.name,
          field.jsonName,
          field.oneof === undefined ? -1 : message.oneofs.indexOf(field.oneof),
          FIELD_KINDS.indexOf(field.fieldKind),
          KINDS.indexOf(element),
          field.scalar ?? -1,
          ref,
          field.fieldKind === 'map' ? field.mapKey : -1,
        ];
      }),
    ]),
    enums: enums.map((e) => [e.typeName, e.values.map((v): [string, number] => [v.name, v.number])]),
  };
}

/**
 * The messages of a table by type name, linked to each other (at run time). A message's fields and
 * oneofs are made on first use: a check of a small pipeline visits a few dozen of the table's
 * messages, and making every message's fields up front was ~0.3 MB of short-lived objects at every
 * start of the CLI — a third of a young-generation collection's room.
 */
export function walkMessages(table: WalkTable): Map<string, WalkMessage> {
  const enums: Array<WalkEnum | undefined> = [];
  const enumAt = (i: number): WalkEnum => {
    const [typeName, values] = table.enums[i];
    // own-keys: an array's index
    return (enums[i] ??= { typeName, values: values.map(([name, number]) => ({ name, number })) });
  };
  const messages: WalkMessage[] = table.messages.map(([typeName, oneofCount, rows]) => new TableMessage(typeName, oneofCount, rows, enumAt, (i) => messages[i]));
  return new Map(messages.map((m) => [m.typeName, m]));
}

class TableMessage implements WalkMessage {
  #fields: WalkField[] | undefined;
  #oneofs: object[] | undefined;

  constructor(
    readonly typeName: string,
    private readonly oneofCount: number,
    private readonly rows: FieldRow[],
    private readonly enumAt: (i: number) => WalkEnum,
    private readonly messageAt: (i: number) => WalkMessage,
  ) {}

  get oneofs(): readonly object[] {
    this.#oneofs ??= Array.from({ length: this.oneofCount }, () => ({}));
    return this.#oneofs;
  }

  get fields(): readonly WalkField[] {
    this.#fields ??= this.rows.map(([name, jsonName, oneof, fieldKind, element, scalar, ref, mapKey]): WalkField => {
      const kind = FIELD_KINDS[fieldKind];
      const elementKind = KINDS[element];
      // Every field with every member, in one order: the walk reads them all through one hidden class
      // (fields of five shapes made its loads polymorphic, and V8 compiled the walk again at each new one).
      return {
        name,
        jsonName,
        oneof: oneof < 0 ? undefined : this.oneofs[oneof],
        fieldKind: kind,
        scalar: scalar >= 0 ? (scalar as ScalarType) : undefined,
        enum: elementKind === 'enum' ? this.enumAt(ref) : undefined,
        message: elementKind === 'message' ? this.messageAt(ref) : undefined,
        listKind: kind === 'list' ? elementKind : undefined,
        mapKind: kind === 'map' ? elementKind : undefined,
        mapKey: kind === 'map' ? (mapKey as ScalarType) : undefined,
      };
    });
    return this.#fields;
  }
}
