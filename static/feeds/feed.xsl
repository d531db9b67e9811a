<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an RSS feed of the site as a page when a browser opens it. Every word comes from the
     feed itself (assembly/feeds.py), in the feed's language. -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:site="https://assembly.kz/ns/feed">
  <xsl:output method="html" encoding="utf-8" indent="yes"/>
  <xsl:template match="/rss/channel">
    <html lang="{language}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="title"/></title>
        <!-- The site's policy allows no inline style: the feed names its stylesheet. -->
        <link rel="stylesheet" href="{site:css}"/>
      </head>
      <body>
        <p class="about"><xsl:value-of select="site:about"/>
          <xsl:text> </xsl:text><a href="{site:feeds_page}"><xsl:value-of select="site:feeds_page_label"/></a></p>
        <h1><xsl:value-of select="title"/></h1>
        <p><xsl:value-of select="description"/></p>
        <p><a href="{link}"><xsl:value-of select="site:open_label"/></a></p>
        <ul>
          <xsl:for-each select="item">
            <li>
              <h2><a href="{link}"><xsl:value-of select="title"/></a></h2>
              <time><xsl:value-of select="pubDate"/></time>
              <p><xsl:value-of select="description"/></p>
            </li>
          </xsl:for-each>
        </ul>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
