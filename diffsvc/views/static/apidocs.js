// Renders the app's own openapi.json as a readable reference: operations, then schemas.
// Why not Swagger UI: no CDN and no build step; the document is small enough for 100 lines.
// Everything is built with createElement/textContent, never innerHTML.
(function () {
  "use strict";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function refName(ref) {
    return ref.split("/").pop();
  }

  function typeOf(schema) {
    if (!schema) return "";
    if (schema.$ref) return el("a", { href: "#schema-" + refName(schema.$ref) }, [refName(schema.$ref)]);
    if (schema.anyOf) {
      var span = el("span");
      schema.anyOf.forEach(function (alt, i) {
        if (i) span.appendChild(document.createTextNode(" | "));
        var t = typeOf(alt);
        span.appendChild(typeof t === "string" ? document.createTextNode(t) : t);
      });
      return span;
    }
    if (schema.enum) return schema.enum.map(JSON.stringify).join(" | ");
    if (schema.type === "array") {
      var inner = typeOf(schema.items);
      return el("span", {}, ["array of ", inner]);
    }
    if (schema.const !== undefined) return JSON.stringify(schema.const);
    if (schema.properties) {
      var required = schema.required || [];
      return "fields: " + Object.keys(schema.properties).map(function (key) {
        return key + (required.indexOf(key) >= 0 ? "" : "?") + " (" + typeOf(schema.properties[key]) + ")";
      }).join(", ");
    }
    return schema.format ? schema.type + " (" + schema.format + ")" : schema.type || "object";
  }

  function operation(path, method, op) {
    var box = el("section", { class: "op", id: "op-" + method + path.replace(/[^a-z0-9]+/gi, "-") }, [
      el("h3", {}, [el("span", { class: "method method-" + method }, [method.toUpperCase()]), path]),
      el("p", {}, [op.summary || ""]),
    ]);
    if (op.description) box.appendChild(el("p", { class: "muted" }, [op.description]));
    if (op.parameters && op.parameters.length) {
      var rows = op.parameters.map(function (p) {
        return el("tr", {}, [el("td", {}, [el("code", {}, [p.name])]), el("td", {}, [p.in]), el("td", {}, [p.description || ""])]);
      });
      box.appendChild(el("table", {}, [el("tr", {}, [el("th", {}, ["Parameter"]), el("th", {}, ["In"]), el("th", {}, ["Description"])])].concat(rows)));
    }
    if (op.requestBody) {
      var bodies = Object.keys(op.requestBody.content).map(function (type) {
        return el("li", {}, [el("code", {}, [type]), " ", typeOf(op.requestBody.content[type].schema)]);
      });
      box.appendChild(el("p", {}, ["Request body:"]));
      box.appendChild(el("ul", {}, bodies));
    }
    var responses = Object.keys(op.responses).map(function (status) {
      var r = op.responses[status];
      var content = r.content || {};
      var types = Object.keys(content).map(function (type) {
        return el("span", {}, [el("code", {}, [type]), " ", typeOf(content[type].schema)]);
      });
      return el("tr", {}, [el("td", {}, [status]), el("td", {}, [r.description || ""]), el("td", {}, types)]);
    });
    box.appendChild(el("table", {}, [el("tr", {}, [el("th", {}, ["Status"]), el("th", {}, ["Meaning"]), el("th", {}, ["Body"])])].concat(responses)));
    return box;
  }

  function schemaBox(name, schema) {
    var required = schema.required || [];
    var props = schema.properties || {};
    var rows = Object.keys(props).map(function (key) {
      var p = props[key];
      return el("tr", {}, [
        el("td", {}, [el("code", {}, [key]), required.indexOf(key) >= 0 ? " *" : ""]),
        el("td", {}, [typeOf(p)]),
        el("td", {}, [p.description || ""]),
      ]);
    });
    var children = [el("h3", {}, [name])];
    if (schema.description) children.push(el("p", { class: "muted" }, [schema.description]));
    if (schema.enum) children.push(el("p", {}, ["One of: ", schema.enum.join(", ")]));
    if (rows.length) {
      children.push(el("table", {}, [el("tr", {}, [el("th", {}, ["Field"]), el("th", {}, ["Type"]), el("th", {}, ["Description"])])].concat(rows)));
    }
    return el("section", { class: "schema", id: "schema-" + name }, children);
  }

  function render(root, doc) {
    root.textContent = "";
    root.appendChild(el("p", {}, [doc.info.description || ""]));
    root.appendChild(el("h2", {}, ["Operations"]));
    Object.keys(doc.paths).forEach(function (path) {
      Object.keys(doc.paths[path]).forEach(function (method) {
        root.appendChild(operation(path, method, doc.paths[path][method]));
      });
    });
    root.appendChild(el("h2", {}, ["Schemas"]));
    var schemas = doc.components.schemas;
    Object.keys(schemas).sort().forEach(function (name) {
      root.appendChild(schemaBox(name, schemas[name]));
    });
    root.setAttribute("data-rendered", "true");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("api-docs");
    if (!root) return;
    fetch(root.getAttribute("data-openapi-url"), { credentials: "omit" })
      .then(function (response) {
        return response.json();
      })
      .then(function (doc) {
        render(root, doc);
      })
      .catch(function (error) {
        root.appendChild(el("p", { class: "error-detail" }, ["Could not load the API description: " + error]));
      });
  });
})();
