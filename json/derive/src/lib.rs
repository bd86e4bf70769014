//! `#[derive(FromJson)]`: reads a struct or an externally tagged enum the
//! way serde's derive writes it, from serde's own attributes:
//! - on the type: `rename_all` (lowercase, snake_case, kebab-case,
//!   camelCase), `default`, `deny_unknown_fields`;
//! - on a field: `default`, `rename`.
//!
//! Other serde attributes only change writing and are ignored; one that
//! would change reading (`with`, `flatten`, `tag`, `untagged` …) is refused
//! at compile time, so the two directions cannot drift apart unseen.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::quote;
use syn::{parse_macro_input, Attribute, Data, DeriveInput, Error, Fields, LitStr};

/// `#[derive(Tagged)]` on an enum: each variant's name as serde writes it
/// (`TAGS`, and `tag()` of a value), so lists of names are not written again.
#[proc_macro_derive(Tagged, attributes(serde))]
pub fn derive_tagged(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    tagged(&input)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

fn tagged(input: &DeriveInput) -> syn::Result<Tokens> {
    let Data::Enum(data) = &input.data else {
        return Err(Error::new_spanned(input, "Tagged names the variants of an enum"));
    };
    let name = &input.ident;
    let options = options_of(&input.attrs)?;
    let mut tags = Vec::new();
    let mut arms = Vec::new();
    for variant in &data.variants {
        let tag = tag_of(variant, &options)?;
        let ident = &variant.ident;
        arms.push(match &variant.fields {
            Fields::Unit => quote!(Self::#ident => #tag,),
            Fields::Unnamed(_) => quote!(Self::#ident(..) => #tag,),
            Fields::Named(_) => quote!(Self::#ident { .. } => #tag,),
        });
        tags.push(tag);
    }
    Ok(quote! {
        impl ::academy_json::Tagged for #name {
            const TAGS: &'static [&'static str] = &[#(#tags),*];
            fn tag(&self) -> &'static str {
                match self { #(#arms)* }
            }
        }
    })
}

/// A variant's name as written: its `rename`, else the enum's `rename_all`.
fn tag_of(variant: &syn::Variant, options: &Options) -> syn::Result<String> {
    match options_of_variant(&variant.attrs)?.rename {
        Some(r) => Ok(r),
        None => renamed(&variant.ident.to_string(), options.rename_all.as_deref(), true),
    }
}

#[proc_macro_derive(FromJson, attributes(serde))]
pub fn derive_from_json(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

#[derive(Default)]
struct Options {
    rename: Option<String>,
    rename_all: Option<String>,
    default: bool,
    deny_unknown_fields: bool,
}

fn options_of(attrs: &[Attribute]) -> syn::Result<Options> {
    let mut options = Options::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            let name = meta
                .path
                .get_ident()
                .map(|i| i.to_string())
                .unwrap_or_default();
            match name.as_str() {
                "rename" => options.rename = Some(meta.value()?.parse::<LitStr>()?.value()),
                "rename_all" => options.rename_all = Some(meta.value()?.parse::<LitStr>()?.value()),
                "default" => options.default = true,
                "deny_unknown_fields" => options.deny_unknown_fields = true,
                "skip_serializing_if" | "serialize_with" => {
                    meta.value()?.parse::<LitStr>()?;
                }
                _ => {
                    return Err(meta.error(
                        "FromJson does not read this serde attribute; read the type by hand",
                    ))
                }
            }
            Ok(())
        })?;
    }
    Ok(options)
}

/// serde's `rename_all` on a variant's name (PascalCase) or a field's (snake_case).
fn renamed(name: &str, rule: Option<&str>, is_variant: bool) -> syn::Result<String> {
    let words = |sep: &str| -> String {
        if is_variant {
            let mut out = String::new();
            for (i, c) in name.chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    out.push_str(sep);
                }
                out.push(c.to_ascii_lowercase());
            }
            out
        } else {
            name.replace('_', sep)
        }
    };
    Ok(match rule {
        None => name.to_string(),
        Some("lowercase") if is_variant => name.to_ascii_lowercase(),
        Some("lowercase") | Some("snake_case") => words("_"),
        Some("kebab-case") => words("-"),
        Some("camelCase") if is_variant => {
            let mut chars = name.chars();
            chars
                .next()
                .map(|c| c.to_ascii_lowercase().to_string() + chars.as_str())
                .unwrap_or_default()
        }
        Some("camelCase") => {
            let mut out = String::new();
            let mut upper = false;
            for c in name.chars() {
                if c == '_' {
                    upper = true;
                } else if upper {
                    out.push(c.to_ascii_uppercase());
                    upper = false;
                } else {
                    out.push(c);
                }
            }
            out
        }
        Some(other) => {
            return Err(Error::new(
                proc_macro2::Span::call_site(),
                format!("FromJson does not know rename_all = {other:?}"),
            ))
        }
    })
}

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    let name = &input.ident;
    let options = options_of(&input.attrs)?;
    let body = match &input.data {
        Data::Struct(data) => read_fields(
            quote!(Self),
            &data.fields,
            &options,
            &format!("struct {name}"),
            quote!(value),
            quote!(at),
        )?,
        Data::Enum(data) => {
            let expected = format!("enum {name}");
            let mut names = Vec::new();
            let mut arms = Vec::new();
            for variant in &data.variants {
                let own = options_of_variant(&variant.attrs)?;
                let ident = &variant.ident;
                let tag = tag_of(variant, &options)?;
                let read = match &variant.fields {
                    Fields::Unit => quote!(Ok(Self::#ident)),
                    Fields::Unnamed(f) if f.unnamed.len() == 1 => {
                        quote!(Ok(Self::#ident(::academy_json::FromJson::from_json(content, ::academy_json::At::Field(&at, tag))?)))
                    }
                    Fields::Unnamed(_) => {
                        return Err(Error::new_spanned(
                            variant,
                            "FromJson reads tuple variants of one field only",
                        ))
                    }
                    Fields::Named(_) => read_fields(
                        quote!(Self::#ident),
                        &variant.fields,
                        &own,
                        &format!("struct variant {name}::{ident}"),
                        quote!(content),
                        quote!(::academy_json::At::Field(&at, tag)),
                    )?,
                };
                arms.push(quote!(#tag => { #read }));
                names.push(tag);
            }
            quote! {
                let (tag, content) = ::academy_json::variant(value, at, #expected)?;
                let _ = content;
                match tag {
                    #(#arms)*
                    other => Err(::academy_json::JsonError::unknown_variant(at, other, &[#(#names),*])),
                }
            }
        }
        Data::Union(_) => return Err(Error::new_spanned(input, "FromJson does not read unions")),
    };
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    let mut where_clause = where_clause
        .cloned()
        .unwrap_or_else(|| syn::parse_quote!(where));
    for param in input.generics.type_params() {
        let ident = &param.ident;
        where_clause
            .predicates
            .push(syn::parse_quote!(#ident: ::academy_json::FromJson));
    }
    Ok(quote! {
        impl #impl_generics ::academy_json::FromJson for #name #type_generics #where_clause {
            fn from_json(value: &::academy_json::Value, at: ::academy_json::At<'_>) -> ::core::result::Result<Self, ::academy_json::JsonError> {
                #body
            }
        }
    })
}

fn options_of_variant(attrs: &[Attribute]) -> syn::Result<Options> {
    let own = options_of(attrs)?;
    if own.rename_all.is_some() || own.default || own.deny_unknown_fields {
        return Err(Error::new_spanned(
            &attrs[0],
            "FromJson reads only rename on a variant",
        ));
    }
    Ok(own)
}

/// `Ok(path { field: object.field("name")?, … })` for named fields.
fn read_fields(
    path: Tokens,
    fields: &Fields,
    options: &Options,
    expected: &str,
    value: Tokens,
    at: Tokens,
) -> syn::Result<Tokens> {
    let Fields::Named(named) = fields else {
        return Err(Error::new_spanned(
            fields,
            "FromJson reads structs with named fields",
        ));
    };
    let mut names = Vec::new();
    let mut reads = Vec::new();
    for field in &named.named {
        let ident = field.ident.as_ref().expect("named");
        let own = options_of(&field.attrs)?;
        if own.rename_all.is_some() || own.deny_unknown_fields {
            return Err(Error::new_spanned(
                field,
                "FromJson reads only rename and default on a field",
            ));
        }
        let key = match own.rename {
            Some(r) => r,
            None => renamed(
                &ident.to_string().trim_start_matches("r#").to_string(),
                options.rename_all.as_deref(),
                false,
            )?,
        };
        let read = if own.default {
            quote!(object.field_or(#key, ::core::default::Default::default())?)
        } else if options.default {
            quote!(object.field_or(#key, defaults.#ident)?)
        } else {
            quote!(object.field(#key)?)
        };
        reads.push(quote!(#ident: #read));
        names.push(key);
    }
    let only = options
        .deny_unknown_fields
        .then(|| quote!(object.only(&[#(#names),*])?;));
    let defaults = options
        .default
        .then(|| quote!(let defaults = <Self as ::core::default::Default>::default();));
    Ok(quote! {
        let object = ::academy_json::Object::new(#value, #at, #expected)?;
        #only
        #defaults
        Ok(#path { #(#reads),* })
    })
}
